import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { instantToLocalTime } from '../../src/contests/time-zone.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'
import { referFriend } from '../support/rewards.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

const DAY = 86_400_000

/** axe-core with WCAG 2.1 AA (colour contrast included): no serious or critical violation. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  expect(serious).toEqual([])
  expect(result.passes.some((p) => p.id === 'color-contrast')).toBe(true)
}

/** Focuses a field by its label from the keyboard's point of view, then types into it. */
async function typeInto(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true })
  await field.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

describe.skipIf(browserSkipReason !== null)('contests and experiments in the dashboard', () => {
  let dashboard: SignedInDashboard
  let browser: LaunchedBrowser
  let origin: string
  let workspaceId: string

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ browser, origin } = dashboard)
    const db = dashboard.sut.ctx.db
    ;({ workspaceId } = await newWorkspace(db))
    // Three referrers with 3, 2 and 1 converted friends, so the leaderboard has something to show.
    for (const [name, friends] of [
      ['Ann Archer', 3],
      ['Bob Baker', 2],
      ['Cat Cole', 1],
    ] as const) {
      const { referrer } = await newReferrer(db, workspaceId, name)
      for (let i = 0; i < friends; i++) {
        const { referralId } = await referFriend(db, workspaceId, referrer.id)
        await qualifyReferral(db, { workspaceId, referralId, actor: { type: 'admin' } })
      }
    }
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  it('sets up a contest from the keyboard, errors beside their fields, then shows the live leaderboard', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: 1100, height: 1000 })
    await page.goto(`${origin}/admin/w/${workspaceId}`)
    await page.getByRole('link', { name: 'Contests', exact: true }).click()
    await page.getByRole('heading', { name: 'Contests' }).waitFor()
    const create = page.getByRole('link', { name: 'New contest' })
    await create.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'New contest' }).waitFor()

    const zone = 'Europe/Berlin'
    await typeInto(page, 'Contest name', 'December sprint')
    await page.getByLabel('Starts').fill(instantToLocalTime(new Date(Date.now() - DAY), zone))
    // An end before the start, and no amount for the money prize: both said beside their fields.
    await page
      .getByLabel('Ends', { exact: true })
      .fill(instantToLocalTime(new Date(Date.now() - 2 * DAY), zone))
    await page.getByLabel('Time zone').selectOption(zone)
    await page.locator('#topCurrency').fill('EUR')
    await page.getByRole('button', { name: 'Create the contest' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('alert').waitFor()
    await expect
      .poll(() => page.locator('#endsAt-error').textContent())
      .toBe('The end must be after the start.')
    expect(await page.locator('#topAmount-error').textContent()).toBe(
      'Enter an amount and a currency.',
    )
    expect(await page.getByLabel('Contest name', { exact: true }).inputValue()).toBe(
      'December sprint',
    )
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/contests-setup-errors.png', fullPage: true })

    await page
      .getByLabel('Ends', { exact: true })
      .fill(instantToLocalTime(new Date(Date.now() + 6 * DAY), zone))
    await page.locator('#topAmount').focus()
    await page.keyboard.type('50')
    await typeInto(page, 'Prize places', '2')
    await page.getByRole('button', { name: 'Create the contest' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'December sprint' }).waitFor()
    const board = page.getByRole('table', { name: /Leaderboard now/ })
    await board.waitFor()
    const rows = await board
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent?.trim())))
    expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
      ['1', 'Ann Archer', '3'],
      ['2', 'Bob Baker', '2'],
      ['3', 'Cat Cole', '1'],
    ])
    expect(await page.getByText('top 2: €50.00 each').count()).toBe(1)
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/contests-leaderboard.png', fullPage: true })

    // The CSV of the standings downloads from the page.
    const csv = await page.request.get(page.url() + '/results.csv')
    expect(csv.status()).toBe(200)
    expect((await csv.text()).split('\r\n')[1]).toMatch(
      /^1,Ann Archer,Ann A\.,ann\.[a-z0-9]+@example\.com,3,/,
    )

    // On a 390 px phone the form fits the screen: no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${origin}/admin/w/${workspaceId}/contests/new`)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/contests-setup-phone.png', fullPage: false })
    await page.close()
  })

  it('sets up an experiment from the keyboard and stops it, promoting a variant', async () => {
    const page = await browser.context.newPage()
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: 1100, height: 1000 })
    await page.goto(`${origin}/admin/w/${workspaceId}/experiments`)
    await page.getByRole('heading', { name: 'Experiments' }).waitFor()
    await page.getByRole('link', { name: 'New experiment' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'New experiment' }).waitFor()
    await typeInto(page, 'Experiment name', 'Bigger offer')
    // In one round: variant B the same as the campaign, and a third variant begun without a name
    // and with a French share message past the limit. Each error beside its field; the French
    // message's languages open by themselves so the error is in view.
    const c = page.locator('fieldset', { has: page.locator('#C_name') })
    await c.locator('summary').focus()
    await page.keyboard.press('Enter')
    await page.locator('#C_shareMessage_fr').focus()
    await page.keyboard.type('Partagez ' + 'très '.repeat(56))
    await page.getByRole('button', { name: 'Start the experiment' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('alert').waitFor()
    expect(await page.locator('#B_headline-error').textContent()).toMatch(
      /headline, a share message or an offer/,
    )
    expect(await page.locator('#C_name-error').textContent()).toBe('Name the variant.')
    expect(await page.locator('#C_shareMessage_fr-error').textContent()).toBe(
      'Keep the message to 280 characters or fewer.',
    )
    expect(await page.locator('#C_shareMessage_fr').isVisible()).toBe(true)
    expect(await page.getByRole('alert').getByRole('listitem').count()).toBe(3)
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/contests-experiment-errors.png', fullPage: true })

    await page.locator('#C_shareMessage_fr').fill('')
    await page.locator('#B_name').fill('$20 for both')
    await page.locator('#B_headline').fill('Give $20, get $20')
    await page.locator('#B_shareMessage_en').focus()
    await page.keyboard.type('Get $20 off with my link: {link}')
    const b = page.locator('fieldset', { has: page.locator('#B_name') })
    await b.locator('summary').focus()
    await page.keyboard.press('Enter')
    await b.getByLabel('Share message (German)').focus()
    await page.keyboard.type('20 $ Rabatt mit meinem Link: {link}')
    await page.locator('#B_referrerAmount').fill('20')
    await page.locator('#B_friendAmount').fill('20')
    await page.getByRole('button', { name: 'Start the experiment' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Bigger offer' }).waitFor()
    await page.getByRole('table', { name: 'Results per variant' }).waitFor()
    expect(
      await page
        .getByText('share message "Get $20 off with my link: {link}" (in English, German)')
        .count(),
    ).toBe(1)
    expect(
      await page.getByText(/^Not enough data yet: about [\d,]+ more friends needed\.$/).count(),
    ).toBe(1)
    await expectAccessible(page)
    await page.screenshot({ path: 'docs/contests-experiment.png', fullPage: true })

    await page.getByRole('button', { name: 'Stop and promote $20 for both' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Stopped; $20 for both promoted to the campaign').waitFor()
    await page.setViewportSize({ width: 390, height: 844 })
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    await expectAccessible(page)

    // The form on a 390 px phone, the other languages open: no sideways scrolling.
    await page.goto(`${origin}/admin/w/${workspaceId}/experiments/new`)
    await page
      .locator('fieldset', { has: page.locator('#B_name') })
      .locator('summary')
      .click()
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    await expectAccessible(page)
    await page.locator('#B_name').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'docs/contests-experiment-phone.png', fullPage: false })
    await page.close()
  })
})
