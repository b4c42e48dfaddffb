import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onRewardApproved } from '../../src/rewards/reward-approval.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { setPayoutBudget } from '../../src/rewards/payouts/payout-budget.js'
import { requestPayoutIn } from '../../src/rewards/payouts/payout-requests.js'
import { startFakePayPal, type FakePayPal } from '../fake-payouts/paypal.js'
import {
  startFakeTangoCard,
  TANGO_AMAZON_UTID,
  TANGO_STARBUCKS_UTID,
  type FakeTangoCard,
} from '../fake-payouts/tango-card.js'
import { startFakeTremendous, type FakeTremendous } from '../fake-payouts/tremendous.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  expect(serious).toEqual([])
  expect(result.passes.map((p) => p.id)).toContain('color-contrast')
}

describe.skipIf(browserSkipReason !== null)('payouts page in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser
  let tremendous: FakeTremendous
  let tango: FakeTangoCard
  let paypal: FakePayPal
  let workspaceId: string
  let campaignId: string
  let stop: () => void

  beforeAll(async () => {
    ;[tremendous, tango, paypal] = await Promise.all([
      startFakeTremendous(),
      startFakeTangoCard(),
      startFakePayPal(),
    ])
    dashboard = await signedInDashboard({
      TREMENDOUS_API_BASE_URL: tremendous.url,
      TANGO_CARD_API_BASE_URL: tango.url,
      PAYPAL_API_BASE_URL: paypal.url,
    })
    ;({ sut, origin, browser } = dashboard)
    stop = onRewardApproved(sut.ctx.db, (trx, reward) =>
      requestPayoutIn(trx, async () => {}, reward).then(() => {}),
    )
    const seeded = await newWorkspace(sut.ctx.db)
    workspaceId = seeded.workspaceId
    campaignId = seeded.campaign.id
    await updateCampaign(sut.ctx.db, {
      workspaceId,
      campaignId: seeded.campaign.id,
      settings: {
        rewards: {
          rules: [
            {
              id: 'gift',
              kind: 'payout',
              amountMinor: 2000,
              currency: 'USD',
              payoutProvider: 'tango_card',
              payoutProduct: TANGO_AMAZON_UTID,
              payoutProductName: 'Amazon gift card',
            },
          ],
        },
      },
      actor: SYSTEM,
    })
    // A small budget, so two of three qualified referrals wait for approval.
    await setPayoutBudget(sut.ctx.db, workspaceId, '', { monthlyLimitMinor: 2000, currency: 'USD' })
    for (const name of ['Ada Lane', 'Bo Reyes', 'Cy Park']) {
      const { referrer } = await newReferrer(sut.ctx.db, workspaceId, name)
      const { referral } = await attributeReferral(sut.ctx.db, {
        workspaceId,
        referrer: { referrerId: referrer.id },
        friend: { email: `${name.split(' ')[0]?.toLowerCase()}.friend@example.com` },
        source: 'api',
        actor: SYSTEM,
      })
      await qualifyReferral(sut.ctx.db, { workspaceId, referralId: referral.id, actor: SYSTEM })
    }
  })

  afterAll(async () => {
    stop?.()
    await dashboard?.close()
    await Promise.all([tremendous?.close(), tango?.close(), paypal?.close()])
  })

  it('connects each provider with the keyboard, refusing a wrong key first', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${workspaceId}`)
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Payouts' })
      .click()
    await page.getByRole('heading', { name: 'Payout providers' }).waitFor()

    // Tremendous: a wrong key is refused with the provider's reason, nothing stored.
    const tremendousCard = page.getByRole('region', { name: 'Tremendous' })
    await tremendousCard.getByLabel('API key').focus()
    await page.keyboard.type('TEST_wrong')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('#payouts-message').textContent())
      .toMatch(/did not accept/)
    await expectAccessible(page)
    await page.getByRole('region', { name: 'Tremendous' }).getByLabel('API key').focus()
    await page.keyboard.type(tremendous.apiKey)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Connected/)
    expect(await page.getByRole('region', { name: 'Tremendous' }).textContent()).toMatch(
      /Sandbox: test money[\s\S]*\$1,000\.00/,
    )

    // Tango Card, live, every field typed.
    const tangoCard = page.getByRole('region', { name: 'Tango Card' })
    await tangoCard.getByLabel(/Live: real/).check()
    await tangoCard.getByLabel('Platform name').fill(tango.platformName)
    await tangoCard.getByLabel('Platform key').fill(tango.platformKey)
    await tangoCard.getByLabel('Customer identifier').fill(tango.customerIdentifier)
    await tangoCard.getByLabel('Account identifier').fill(tango.accountIdentifier)
    await tangoCard.getByLabel('Account identifier').press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Connected/)
    expect(await page.getByRole('region', { name: 'Tango Card' }).textContent()).toMatch(
      /Live: real money[\s\S]*\$500\.00/,
    )

    // PayPal.
    const paypalCard = page.getByRole('region', { name: 'PayPal Payouts' })
    await paypalCard.getByLabel('Client id').fill(paypal.clientId)
    await paypalCard.getByLabel('Secret').fill(paypal.clientSecret)
    await paypalCard.getByRole('button', { name: 'Connect PayPal Payouts' }).press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Connected/)
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/payouts-providers.png', fullPage: true })
    await page.close()
  })

  it('approves held payouts in bulk, by keyboard, on a 390 px phone', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${origin}/admin/w/${workspaceId}/payouts`)
    const held = page.locator('#held-payouts')
    await held.waitFor()
    expect(await held.locator('tbody tr').count()).toBe(2)
    expect(await held.textContent()).toContain('workspace monthly budget reached')
    await expectAccessible(page)
    // Nothing wider than the phone: long tables scroll inside their own box.
    const wider = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((el) => !el.closest('.table-scroll'))
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`)
        .slice(0, 10),
    )
    expect(wider).toEqual([])
    await page.screenshot({ path: 'docs/payouts-approval-phone.png', fullPage: true })

    const boxes = held.getByRole('checkbox')
    await boxes.nth(0).focus()
    await page.keyboard.press('Space')
    // Next in tab order: the other payout's box (labels and times take no focus).
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    expect(await boxes.nth(1).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Approve chosen payouts' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Approved/)
    expect(await page.locator('#held-payouts').textContent()).toMatch(/Nothing is waiting/)
    const rows = await sut.ctx.db
      .selectFrom('payouts')
      .select(['status', 'approved_by'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(rows.filter((r) => r.status === 'requested')).toHaveLength(3)
    expect(rows.filter((r) => r.approved_by === 'operator')).toHaveLength(2)
    await expectAccessible(page)
    await page.close()
  })
  it('picks the rule’s gift card from the Tango Card catalog in the campaign editor, by keyboard', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${workspaceId}/campaigns/${campaignId}`)
    const search = page.getByLabel('Find a gift card in your Tango Card catalog')
    await search.waitFor()
    const pick = page.getByRole('listbox', { name: 'Gift cards in your Tango Card catalog' })
    // Every active item, with its brand, value or range and currency; the saved one chosen.
    expect(await pick.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/Amazon\.com: Amazon\.com Gift Card, \$1\.00 to \$2,000\.00\s+\(USD\)/),
      expect.stringMatching(/Starbucks: Starbucks eGift \$10, \$10\.00\s+\(USD\)/),
      expect.stringMatching(/Zalando: Zalando Gift Card, €5\.00 to €500\.00\s+\(EUR\)/),
    ])
    expect(await pick.inputValue()).toBe(TANGO_AMAZON_UTID)
    await search.focus()
    await page.keyboard.type('starbucks')
    await expect
      .poll(() => page.locator('[data-catalog-count]').first().textContent())
      .toBe('1 gift card matches.')
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => pick.inputValue()).toBe(TANGO_STARBUCKS_UTID)
    const rule = page.locator('[data-rule]').first()
    expect(await rule.locator('[name$=".payoutProduct"]').inputValue()).toBe(TANGO_STARBUCKS_UTID)
    expect(await rule.locator('[name$=".payoutProductName"]').inputValue()).toBe(
      'Starbucks eGift $10',
    )
    expect(await rule.locator('[name$=".currency"]').inputValue()).toBe('USD')
    await expectAccessible(page)
    await search.evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.screenshot({ path: 'docs/payouts-catalog-picker.png' })
    // Another provider: the picker goes away.
    await rule.locator('[name$=".payoutProvider"]').selectOption('tremendous')
    await expect.poll(() => search.isVisible()).toBe(false)
    await page.close()
  })

  it('searches the catalog, sets a warning line, and disconnects with a confirmation on a phone', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${origin}/admin/w/${workspaceId}/payouts`)
    const tangoCard = page.getByRole('region', { name: 'Tango Card', exact: true })
    await tangoCard.getByLabel('Search the catalog').fill('zalando')
    await tangoCard.getByLabel('Search the catalog').press('Enter')
    await expect
      .poll(() => page.locator('#catalog-items tbody').textContent())
      .toMatch(/Zalando Gift Card/)
    expect(await page.locator('#catalog-items tbody tr').count()).toBe(1)

    // The balance is $500.00: a warning line above it warns here and on the set-up checklist.
    const line = page
      .getByRole('region', { name: 'Tango Card', exact: true })
      .getByLabel('Warn when the balance is under (USD)')
    await line.fill('600.00')
    await line.press('Enter')
    await expect
      .poll(() => page.locator('#payouts-message').textContent())
      .toMatch(/Warning line saved/)
    expect(
      await page
        .getByRole('region', { name: 'Tango Card', exact: true })
        .getByRole('alert')
        .textContent(),
    ).toMatch(/Low balance: under\s+\$600\.00/)
    await expectAccessible(page)

    // Disconnect PayPal: a dialog says what happens; Cancel has the focus, Yes goes on.
    await page
      .getByRole('region', { name: 'PayPal Payouts', exact: true })
      .getByRole('button', { name: 'Disconnect PayPal Payouts' })
      .press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toMatch(/payouts not sent yet wait/i)
    await expectAccessible(page)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Disconnected/)
    expect(
      await page.getByRole('region', { name: 'PayPal Payouts', exact: true }).textContent(),
    ).toContain('Not connected.')
    expect(
      await sut.ctx.db
        .selectFrom('payout_connections')
        .select('provider')
        .where('workspace_id', '=', workspaceId)
        .execute(),
    ).not.toContainEqual({ provider: 'paypal' })
    await expectAccessible(page)

    await page.goto(`${origin}/admin/w/${workspaceId}`)
    await expect
      .poll(() => page.locator('body').textContent())
      .toMatch(/Low balance at\s+Tango Card\s+\(\$500\.00\)/)
    await expectAccessible(page)

    // Disconnecting Tango Card: its three approved payouts wait, and the page says so.
    await page.goto(`${origin}/admin/w/${workspaceId}/payouts`)
    await page
      .getByRole('region', { name: 'Tango Card', exact: true })
      .getByRole('button', { name: 'Disconnect Tango Card' })
      .press('Enter')
    await page.getByRole('dialog').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#payouts-message').textContent()).toMatch(/Disconnected/)
    expect(
      await page.getByRole('region', { name: 'Tango Card', exact: true }).textContent(),
    ).toMatch(/3 payouts wait for Tango Card: connect it again\s+and they are sent, each once/)
    await expectAccessible(page)
    await page.close()
  })
})
