import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pendingReward, referrerWithFriends } from '../support/admin.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

// What the other dashboard tests leave out: the actions that ask for a reason, paging a long list,
// and removing rows of the campaign editor, all from the keyboard.
describe.skipIf(browserSkipReason !== null)('dashboard row actions in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser
  let seeded: Awaited<ReturnType<typeof seed>>

  async function seed() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    // One more than a page of referrals, so the list has a second page.
    const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 51, 'Ada')
    const reward = await pendingReward(sut.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      participantId: referrer.participantId,
      referralId: referrals[0]!.id,
    })
    return { workspaceId, campaign, referrals, reward }
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
  const focusedText = (page: Page) =>
    page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ sut, origin, browser } = dashboard)
    browser.context.setDefaultTimeout(15_000)
    seeded = await seed()
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  it('pages through pending referrals, keeping the filter, and rejects one with a reason', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/referrals?status=pending`)
    expect(await page.locator('#referrals tbody tr').count()).toBe(50)
    await page.getByRole('link', { name: 'Next page' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/cursor=/)
    expect(new URL(page.url()).searchParams.get('status')).toBe('pending')
    const rows = page.locator('#referrals tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0)

    // The oldest referral is alone on the second page: reject it, saying why.
    const oldest = seeded.referrals[0]!.id
    expect(await rows.first().getAttribute('data-id')).toBe(oldest)
    expect(await rows.getByRole('button').allTextContents()).toEqual([
      expect.stringContaining('Qualify'),
      expect.stringContaining('Reject'),
    ])
    await rows.getByRole('button', { name: 'Reject' }).focus()
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe(`reason-${oldest}`)
    await page.keyboard.type('Same household as the referrer')
    await page.keyboard.press('Tab')
    expect(await focusedText(page)).toBe('Confirm reject')
    await page.keyboard.press('Enter')
    await expect.poll(() => rows.first().locator('.status').textContent()).toBe('Rejected')
    const stored = await sut.ctx.db
      .selectFrom('referrals')
      .select(['status', 'status_reason'])
      .where('id', '=', oldest)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'rejected', status_reason: 'Same household as the referrer' })

    // Among the rejected, it offers only Qualify.
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/referrals?status=rejected`)
    expect(await rows.count()).toBe(1)
    expect(await rows.first().getByRole('button').allTextContents()).toEqual([
      expect.stringContaining('Qualify'),
    ])
    await page.close()
  })

  it('declines a pending reward with a reason from the review queue', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/rewards`)
    const row = page.locator(`tr[data-id="${seeded.reward.id}"]`)
    expect(await row.getByRole('button').allTextContents()).toEqual([
      expect.stringContaining('Approve'),
      expect.stringContaining('Decline'),
    ])
    await row.getByRole('button', { name: 'Decline' }).focus()
    await page.keyboard.press('Enter')
    await page.keyboard.type('Paid by hand already')
    await page.keyboard.press('Tab')
    expect(await focusedText(page)).toBe('Confirm decline')
    await page.keyboard.press('Enter')
    await expect.poll(() => row.locator('.status').textContent()).toBe('Declined')
    expect(await page.locator('#action-status').textContent()).toBe(
      'Confirm decline: done (Declined).',
    )
    const stored = await sut.ctx.db
      .selectFrom('rewards')
      .select('status')
      .where('id', '=', seeded.reward.id)
      .executeTakeFirstOrThrow()
    expect(stored.status).toBe('declined')
    await page.close()
  })

  it('removes reward rules and field rows, handing focus on and never losing it', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/campaigns/${seeded.campaign.id}`)
    const rules = page.locator('[data-rule]')
    const before = await rules.count()
    const addRule = page.getByRole('button', { name: '+ Add a reward rule' })
    await addRule.focus()
    await page.keyboard.press('Enter')
    await addRule.focus()
    await page.keyboard.press('Enter')
    expect(await rules.count()).toBe(before + 2)

    // Removing the last rule hands focus to the rule before it.
    await page.getByRole('button', { name: `Remove rule ${before + 2}`, exact: true }).focus()
    await page.keyboard.press('Enter')
    expect(await rules.count()).toBe(before + 1)
    expect(await focusedId(page)).toBe(`f-rewards.rules.${before}.recipient`)
    // Removing a rule in the middle renumbers the rest and focuses the next one.
    if (before > 0) {
      await page.getByRole('button', { name: 'Remove rule 1', exact: true }).focus()
      await page.keyboard.press('Enter')
      expect(await focusedId(page)).toBe('f-rewards.rules.0.recipient')
      expect(await page.locator('[data-rule-number]').first().textContent()).toBe('1')
    }
    // Removing every rule leaves focus on the add button.
    while ((await rules.count()) > 0) {
      await rules
        .first()
        .getByRole('button', { name: /^Remove rule/ })
        .focus()
      await page.keyboard.press('Enter')
    }
    expect(await focusedText(page)).toBe('+ Add a reward rule')

    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.locator('#form-status').textContent()).toBe('Saved.')

    // Field rows (on the Settings page): the same hand-over, to the add button at the end.
    await page.goto(
      `${origin}/admin/w/${seeded.workspaceId}/settings?campaign=${seeded.campaign.id}`,
    )
    const addField = page.getByRole('button', { name: '+ Add a field for referrers' })
    await addField.focus()
    await page.keyboard.press('Enter')
    await addField.focus()
    await page.keyboard.press('Enter')
    const fieldRows = page.locator('[data-map="intercom.referrerFields"] [data-map-row]')
    expect(await fieldRows.count()).toBe(2)
    await fieldRows.nth(1).getByRole('button', { name: 'Remove row 2', exact: true }).focus()
    await page.keyboard.press('Enter')
    expect(await focusedId(page)).toBe('f-intercom.referrerFields.0.key')
    await fieldRows.first().getByRole('button', { name: 'Remove row 1', exact: true }).focus()
    await page.keyboard.press('Enter')
    expect(await fieldRows.count()).toBe(0)
    expect(await focusedText(page)).toBe('+ Add a field for referrers')

    // Saved, the campaign has no rules and no referrer fields.
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.locator('#form-status').textContent()).toBe('Saved.')
    const row = await sut.ctx.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', seeded.campaign.id)
      .executeTakeFirstOrThrow()
    const settings = row.settings as {
      rewards: { rules: unknown[] }
      intercom: { referrerFields: object }
    }
    expect(settings.rewards.rules).toEqual([])
    expect(settings.intercom.referrerFields).toEqual({})
    await page.close()
  })
})
