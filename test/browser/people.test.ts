import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pendingReward, referrerWithFriends } from '../support/admin.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'
import { expectAccessibleAtBothWidths } from '../support/both-widths.js'

const SHOTS = new URL('../../docs/', import.meta.url)

/**
 * The people tools as a marketer uses them, keyboard only: a referrer's page from the referrers
 * list (a flagged friend's reason, a failed payout in red with where to retry, the timeline),
 * an unknown referrer's 404, and bulk decisions on both review lists with their confirmation and
 * outcome in words. Axe (colour contrast on) at 1366 and 390 wide in each state; nothing scrolls
 * sideways on the phone.
 */
describe.skipIf(browserSkipReason !== null)('people tools in Chromium, keyboard only', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser
  let page: Page
  let seeded: Awaited<ReturnType<typeof seed>>

  async function seed() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 3, 'Ada')
    await sut.ctx.db
      .updateTable('referrals')
      .set({ review_reason: 'The friend’s email is from a disposable address' })
      .where('id', '=', referrals[2]!.id)
      .execute()
    const input = { workspaceId, campaignId: campaign.id, participantId: referrer.participantId }
    const rewards = [
      await pendingReward(sut.ctx.db, { ...input, referralId: referrals[0]!.id }),
      await pendingReward(sut.ctx.db, { ...input, referralId: referrals[1]!.id }),
      await pendingReward(sut.ctx.db, { ...input, referralId: referrals[2]!.id }),
    ]
    // The first reward went out through a provider, which refused it.
    await sut.ctx.db
      .updateTable('rewards')
      .set({ status: 'approved', approved_at: new Date() })
      .where('id', '=', rewards[0]!.id)
      .execute()
    await sut.ctx.db
      .insertInto('payouts')
      .values({
        workspace_id: workspaceId,
        reward_id: rewards[0]!.id,
        campaign_id: campaign.id,
        participant_id: referrer.participantId,
        provider: 'tremendous',
        status: 'failed',
        amount_minor: 1000,
        currency: 'USD',
        recipient_email: 'ada@example.org',
        failure_reason: 'The provider’s balance is too low',
      })
      .execute()
    return { workspaceId, referrer, referrals, rewards }
  }

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ sut, origin, browser } = dashboard)
    browser.context.setDefaultTimeout(15_000)
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    seeded = await seed()
    page = await browser.context.newPage()
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  async function shot(name: string) {
    await page.screenshot({ path: new URL(`people-${name}.png`, SHOTS).pathname, fullPage: true })
  }

  const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

  it('opens a referrer’s page from the referrers list and copies their link', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/referrers`)
    await page.getByRole('link', { name: 'Ada' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Ada' }).waitFor()

    const friends = page.getByRole('table', { name: /Friends they referred/ })
    expect(await friends.locator('tbody tr').count()).toBe(3)
    expect(await friends.textContent()).toContain(
      'Held for review: The friend’s email is from a disposable address',
    )
    const rewards = page.getByRole('table', { name: /Rewards they earned/ })
    const failed = rewards.locator(`tr[data-id="${seeded.rewards[0]!.id}"]`)
    expect(await failed.locator('.failure-reason').textContent()).toContain(
      'Payout failed: The provider’s balance is too low',
    )
    expect(await failed.getByRole('link', { name: 'Retry on the Payouts page' }).count()).toBe(1)
    expect(await page.locator('.timeline li').count()).toBeGreaterThanOrEqual(6)
    expect(await page.locator('.timeline').textContent()).toContain('A reward was earned')

    await page.getByRole('button', { name: 'Copy link' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#action-status').textContent()).toBe('Link copied.')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      `/r/${seeded.referrer.code}`,
    )
    await expectAccessibleAtBothWidths(page, 'referrer page')
    await shot('referrer')

    // A friend's row actions work here as on the referrals list.
    const first = friends.locator(`tr[data-id="${seeded.referrals[0]!.id}"]`)
    await first.getByRole('button', { name: 'Qualify' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => first.locator('.status').textContent()).toBe('Qualified')
  })

  it('answers an unknown referrer with a 404 page', async () => {
    const res = await page.goto(
      `${origin}/admin/w/${seeded.workspaceId}/referrers/00000000-0000-4000-8000-000000000000`,
    )
    expect(res?.status()).toBe(404)
    expect(await page.locator('main').textContent()).toContain('That referrer was not found.')
    await expectAccessibleAtBothWidths(page, 'unknown referrer')
  })

  it('rejects the selected referrals at once, after a confirmation, saying what happened', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/referrals?status=pending`)
    const table = page.locator('#referrals')
    // Select all on the page with Space, then the reason, then the action.
    await page.getByRole('checkbox', { name: /Select every referral/ }).focus()
    await page.keyboard.press('Space')
    expect(await page.locator('.bulk-count').textContent()).toBe('2 referrals selected.')
    await page.getByRole('button', { name: 'Reject selected' }).focus()
    await page.keyboard.press('Enter')
    // No reason yet: focus goes to the field, nothing is sent.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason')
    await page.keyboard.type('Test sign-ups from our own team')
    await page.getByRole('button', { name: 'Reject selected' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    expect(await page.getByRole('dialog').textContent()).toContain('Reject 2 referrals?')
    expect(await focusedText()).toBe('Cancel')
    await expectAccessibleAtBothWidths(page, 'bulk confirmation')
    await page.keyboard.press('Tab')
    expect(await focusedText()).toBe('Reject 2')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#action-status').textContent()).toBe('2 rejected.')
    expect(await table.locator('.status-badge').allTextContents()).toEqual(['Rejected', 'Rejected'])
    await expectAccessibleAtBothWidths(page, 'bulk outcome')
    await shot('bulk-referrals')
  })

  it('approves the selected rewards, skipping one decided meanwhile', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    // The review queue opens on the tab with work: two pending rewards.
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/rewards`)
    expect(await page.locator('.status-tabs [aria-current="page"]').textContent()).toMatch(
      /Pending\s+2/,
    )
    for (const reward of seeded.rewards.slice(1)) {
      await page.locator(`tr[data-id="${reward.id}"] input[name="selected"]`).focus()
      await page.keyboard.press('Space')
    }
    // Someone else declines one of them before this page acts.
    await sut.ctx.db
      .updateTable('rewards')
      .set({ status: 'declined', status_reason: 'Paid by hand', declined_at: new Date() })
      .where('id', '=', seeded.rewards[2]!.id)
      .execute()
    await page.getByRole('button', { name: 'Approve selected' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('#action-status').textContent())
      .toBe('1 approved, 1 skipped because already decided.')
    expect(
      await page.locator(`tr[data-id="${seeded.rewards[1]!.id}"] .status-badge`).textContent(),
    ).toBe('Approved')
    expect(
      await page.locator(`tr[data-id="${seeded.rewards[2]!.id}"] .status-badge`).textContent(),
    ).toBe('Declined')
    await expectAccessibleAtBothWidths(page, 'bulk rewards outcome')
    await page.setViewportSize({ width: 390, height: 844 })
    await shot('bulk-rewards-phone')

    // The Approved tab: the reward whose payout failed says why in red, and where to retry.
    await page.getByRole('link', { name: /Approved/ }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/status=approved/)
    const failed = page.locator(`tr[data-id="${seeded.rewards[0]!.id}"]`)
    expect(await failed.locator('.failure-reason').textContent()).toContain(
      'Payout failed: The provider’s balance is too low',
    )
    expect(await failed.getByRole('link', { name: 'Retry on the Payouts page' }).count()).toBe(1)
    await expectAccessibleAtBothWidths(page, 'approved rewards with a failed payout')
  })
})
