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
})
