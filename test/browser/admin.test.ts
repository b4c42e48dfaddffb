import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { pendingReward, referrerWithFriends } from '../support/admin.js'
import { browserSkipReason, type LaunchedBrowser } from '../support/browser.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'
import { signedInDashboard, type SignedInDashboard } from '../support/signed-in-dashboard.js'

describe.skipIf(browserSkipReason !== null)('admin dashboard in Chromium', () => {
  let dashboard: SignedInDashboard
  let sut: SignedInDashboard['sut']
  let origin: string
  let browser: LaunchedBrowser
  let seeded: Awaited<ReturnType<typeof seed>>

  async function seed() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    const { referrer, referrals } = await referrerWithFriends(
      sut.ctx.db,
      workspaceId,
      3,
      'Ada Lovelace',
    )
    await qualifyReferral(sut.ctx.db, { workspaceId, referralId: referrals[0]!.id, actor: SYSTEM })
    const reward = await pendingReward(sut.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      participantId: referrer.participantId,
      referralId: referrals[0]!.id,
    })
    return { workspaceId, campaign, referrer, reward }
  }

  beforeAll(async () => {
    dashboard = await signedInDashboard()
    ;({ sut, origin, browser } = dashboard)
    seeded = await seed()
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  it('shows the analytics with a chart over time and the leaderboard', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}`)
    await expect.poll(() => page.locator('[data-stat="signUps"]').textContent()).toBe('3')
    expect(await page.locator('[data-stat="conversionRate"]').textContent()).toBe('33.3%')
    const chart = page.getByRole('img', { name: /per day/ })
    expect(await chart.count()).toBe(1)
    expect(await page.locator('svg.chart-wide[data-chart="line"] polyline').count()).toBe(4)
    const box = await page.locator('svg.chart-wide[data-chart="line"]').boundingBox()
    expect(box?.width).toBeGreaterThan(300)
    expect(await page.locator('#leaderboard tbody tr').first().textContent()).toContain(
      'Ada Lovelace',
    )
    await page.close()
  })

  it("changes a campaign's qualification rule, with inline errors first", async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/campaigns/${seeded.campaign.id}`)
    const values = page.getByLabel('Values that qualify')
    await values.fill('')
    await page.getByRole('button', { name: 'Save changes' }).click()
    const error = page.locator('[id="err-qualification.values"]')
    await error.waitFor({ state: 'visible' })
    expect(await error.textContent()).toMatch(/\S/)
    expect(await values.getAttribute('aria-invalid')).toBe('true')
    // focus moves to the first invalid field, so a keyboard user lands where the problem is
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-qualification.values')

    await page.getByLabel('Attribute that qualifies a friend').fill('custom_attributes.plan')
    await values.fill('pro\nteam')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.locator('#form-status').textContent()).toBe('Saved.')
    expect(await error.isHidden()).toBe(true)
    const row = await sut.ctx.db
      .selectFrom('campaigns')
      .select('settings')
      .where('id', '=', seeded.campaign.id)
      .executeTakeFirstOrThrow()
    expect((row.settings as { qualification: unknown }).qualification).toEqual({
      attribute: 'custom_attributes.plan',
      values: ['pro', 'team'],
      initialValue: null,
    })
    await page.close()
  })

  it('approves a reward from the review queue with the keyboard', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${origin}/admin/w/${seeded.workspaceId}/rewards`)
    const approve = page.getByRole('button', { name: 'Approve', exact: true })
    await approve.focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator(`tr[data-id="${seeded.reward.id}"] .status`).textContent())
      .toBe('Approved')
    const row = await sut.ctx.db
      .selectFrom('rewards')
      .select('status')
      .where('id', '=', seeded.reward.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('approved')
    await page.close()
  })
})
