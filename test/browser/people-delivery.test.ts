import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { FULFILMENT_QUEUE, FULFILMENT_QUEUE_OPTIONS } from '../../src/rewards/fulfilment-queue.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { pendingReward } from '../support/admin.js'
import { browserSkipReason } from '../support/browser.js'
import { SYSTEM } from '../support/ledger.js'
import { signedInServer, type SignedInServer } from '../support/signed-in-dashboard.js'
import { expectAccessibleAtBothWidths } from '../support/both-widths.js'
import { type RewardReceiver, startRewardReceiver } from '../support/reward-receiver.js'

const SHOTS = new URL('../../docs/', import.meta.url)

/**
 * A marketer's last people tools, keyboard only, on the whole server (queue and workers running):
 * Reward review opening on the failed deliveries, the failure in red with its reason, "Retry
 * delivery" and its outcome; "Resend link" on a referrer's page, its outcome and its limit; the
 * workspace's time zone on Settings and Analytics counting in it. Axe (colour contrast on) at 1366
 * and 390 wide in each state; nothing scrolls sideways on the phone.
 */
describe.skipIf(browserSkipReason !== null)('failed deliveries, resend link, time zone', () => {
  let dashboard: SignedInServer
  let fake: FakeIntercom
  let receiver: RewardReceiver
  let page: Page
  const workspaceId = 'wspeoplebrowser'
  let referrerId: string
  let failedRewardId: string

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId })
    receiver = await startRewardReceiver(1)
    dashboard = await signedInServer({
      INTERCOM_API_BASE_URL: fake.url,
      OUTBOUND_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    })
    const { sut } = dashboard
    const db = sut.ctx.db
    // One attempt, then the queue leaves it to a person (ten, hours apart, in production).
    await sut.ctx.jobs?.updateQueue(FULFILMENT_QUEUE, {
      ...FULFILMENT_QUEUE_OPTIONS,
      name: FULFILMENT_QUEUE,
      retryLimit: 0,
    })
    await storeWorkspaceConnection(sut.ctx, {
      workspaceId,
      name: 'Acme',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
    const campaign = await getDefaultCampaign(db, workspaceId)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        rewards: {
          fulfilmentWebhookUrl: receiver.url,
          rules: [
            {
              id: 'cash',
              kind: 'fixed',
              amountMinor: 2000,
              currency: 'USD',
              description: '$20 credit',
            },
          ],
        },
      },
      actor: SYSTEM,
    })
    const contact = fake.controls.addContact({
      role: 'user',
      email: 'ada@example.com',
      name: 'Ada',
    })
    const { referrer, participant } = await ensureReferrer(db, {
      workspaceId,
      person: { contactId: contact.id, email: 'ada@example.com', name: 'Ada' },
      source: 'api',
      actor: SYSTEM,
    })
    referrerId = referrer.id
    const { referral } = await attributeReferral(db, {
      workspaceId,
      referrer: { referrerId },
      friend: { contactId: 'friend-grace', email: 'grace@example.com', name: 'Grace' },
      source: 'link',
      actor: SYSTEM,
    })
    await qualifyReferral(db, { workspaceId, referralId: referral.id, actor: SYSTEM })
    failedRewardId = await vi.waitFor(
      async () => {
        const row = await db
          .selectFrom('rewards')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('delivery_status', '=', 'failed')
          .executeTakeFirst()
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pgboss.job
           where name = ${FULFILMENT_QUEUE} and state in ('created', 'retry', 'active')`.execute(db)
        if (!row || rows[0]?.n !== 0) throw new Error('the delivery has not failed yet')
        return row.id
      },
      { timeout: 30_000, interval: 100 },
    )
    // Another reward waits for review: the failed delivery still comes first.
    await pendingReward(db, { workspaceId, campaignId: campaign.id, participantId: participant.id })
    dashboard.browser.context.setDefaultTimeout(15_000)
    page = await dashboard.browser.context.newPage()
  })

  afterAll(async () => {
    await dashboard?.close()
    await receiver?.close()
    await fake?.close()
  })

  async function shot(name: string) {
    await page.screenshot({ path: new URL(`people-${name}.png`, SHOTS).pathname, fullPage: true })
  }

  const status = () => page.locator('#action-status').textContent()

  it('opens Reward review on the failed delivery, in red with its reason, and retries it', async () => {
    // The referrer's page says it too, with the same retry.
    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/referrers/${referrerId}`)
    const onProfile = page.locator(`#profile-rewards tr[data-id="${failedRewardId}"]`)
    expect(await onProfile.locator('.status-badge').textContent()).toBe('Delivery failed')
    expect(await onProfile.getByRole('button', { name: /Retry delivery/ }).count()).toBe(1)
    await expectAccessibleAtBothWidths(page, 'referrer page with a failed delivery')

    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/rewards`)
    const current = page.locator('.status-tabs [aria-current="page"]')
    expect(await current.textContent()).toMatch(/Delivery failed\s+1/)
    expect(await page.locator('.status-tabs').textContent()).toMatch(/Pending\s+1/)
    const row = page.locator(`tr[data-id="${failedRewardId}"]`)
    const badge = row.locator('.status-badge')
    expect(await badge.textContent()).toBe('Delivery failed')
    expect(await badge.evaluate((el) => el.classList.contains('bad'))).toBe(true)
    expect(await row.locator('.failure-reason').textContent()).toContain(
      'Your reward system refused it: its address answered with error 500.',
    )
    expect(await row.textContent()).toContain('The app has stopped trying by itself.')
    await expectAccessibleAtBothWidths(page, 'failed delivery')
    await shot('failed-delivery')

    // Tab to the button from the row's badge, as a keyboard user would reach it.
    await row.getByRole('button', { name: 'Retry delivery of $20 credit of Ada' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(status).toBe('Delivery requested: the reward goes out again within a minute.')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-status')
    expect(await badge.textContent()).toBe('Trying again')
    expect(await row.getByRole('button', { name: /Retry delivery/ }).count()).toBe(0)
    await expectAccessibleAtBothWidths(page, 'retry requested')

    // The queue delivers it once; the list then counts no failure.
    await expect
      .poll(
        async () =>
          (
            await dashboard.sut.ctx.db
              .selectFrom('rewards')
              .select('status')
              .where('id', '=', failedRewardId)
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: 30_000 },
      )
      .toBe('fulfilled')
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 200])
    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/rewards`)
    expect(await current.textContent()).toMatch(/Pending\s+1/)
    expect(await page.locator('.status-tabs').textContent()).toMatch(/Delivery failed\s+0/)
  })

  it('resends a referrer their link, says so, and holds a second try', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/referrers/${referrerId}`)
    const resend = page.getByRole('button', { name: 'Resend link' })
    await resend.focus()
    await page.keyboard.press('Enter')
    await expect.poll(status).toMatch(/^Link sent again\./)
    expect(await page.locator('.timeline li').first().textContent()).toContain(
      'Their link was sent to them again',
    )
    await expectAccessibleAtBothWidths(page, 'link resent')
    await page.setViewportSize({ width: 390, height: 844 })
    await shot('resend-link-phone')

    await resend.focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(status)
      .toBe('Their link was sent less than a minute ago. It can be sent again in 5 minutes.')
    // After a reload the timeline says it from the ledger, with who did it.
    await page.reload()
    expect(await page.locator('.timeline').textContent()).toMatch(
      /Their link was sent to them again\s*\(by a teammate\)/,
    )
  })

  it('counts Analytics in the time zone chosen on Settings', async () => {
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/analytics`)
    expect(await page.locator('#range-shown').textContent()).toContain('(30 days, UTC)')
    await page.getByRole('link', { name: 'Change the time zone' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/settings/)
    const select = page.getByLabel('Your workspace’s time zone')
    await select.focus()
    await select.selectOption('America/New_York')
    await page.getByRole('button', { name: 'Save the time zone' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/zone=saved/)
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Saved. Analytics counts its days in America/New York time.',
    )
    await expectAccessibleAtBothWidths(page, 'settings with a time zone')

    await page.goto(`${dashboard.origin}/admin/w/${workspaceId}/analytics`)
    expect(await page.locator('#range-shown').textContent()).toContain(
      '(30 days, America/New York)',
    )
    await expectAccessibleAtBothWidths(page, 'analytics in a time zone')
    await page.setViewportSize({ width: 390, height: 844 })
    await shot('analytics-time-zone-phone')
  })
})
