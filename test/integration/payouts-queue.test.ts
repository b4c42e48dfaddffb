import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { connectPayoutProvider } from '../../src/rewards/payouts/connections.js'
import { PAYOUT_QUEUE, PAYOUT_QUEUE_OPTIONS } from '../../src/rewards/payouts/payout-queue.js'
import { startServer, type RunningServer } from '../../src/server.js'
import {
  startFakeTangoCard,
  TANGO_AMAZON_UTID,
  type FakeTangoCard,
} from '../fake-payouts/tango-card.js'
import { testConfig } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** The whole path through the running server and its pg-boss queue, funds arriving late. */
describe('payouts through the job queue', () => {
  let tango: FakeTangoCard
  let sut: RunningServer
  const workspaceId = 'wspayout01'

  beforeAll(async () => {
    tango = await startFakeTangoCard()
    sut = await startServer(testConfig({ TANGO_CARD_API_BASE_URL: tango.url }), {
      host: '127.0.0.1',
    })
    // Retries a second apart instead of the production backoff, so the test waits seconds.
    await sut.ctx.jobs?.updateQueue(PAYOUT_QUEUE, {
      ...PAYOUT_QUEUE_OPTIONS,
      name: PAYOUT_QUEUE,
      retryDelay: 1,
      retryBackoff: false,
    })
  })
  afterAll(async () => {
    await sut?.close()
    await tango?.close()
  })

  it('a qualified referral is paid once, after waiting for funds, with nothing lost', async () => {
    const db = sut.ctx.db
    await ensureWorkspace(db, { id: workspaceId, name: 'Payout Co' })
    const campaign = await getDefaultCampaign(db, workspaceId)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        rewards: {
          rules: [
            {
              id: 'gift',
              kind: 'payout',
              amountMinor: 2500,
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
    await connectPayoutProvider(sut.ctx, workspaceId, {
      provider: 'tango_card',
      environment: 'sandbox',
      platformName: tango.platformName,
      platformKey: tango.platformKey,
      customerIdentifier: tango.customerIdentifier,
      accountIdentifier: tango.accountIdentifier,
    })
    tango.balance = 10 // less than the reward: the first attempts are refused
    const { referrer } = await ensureReferrer(db, {
      workspaceId,
      person: { contactId: 'c-rita', email: 'rita@acme.test', name: 'Rita' },
      source: 'api',
      actor: SYSTEM,
    })
    const { referral } = await attributeReferral(db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { email: 'fred@other.test', name: 'Fred' },
      source: 'api',
      actor: SYSTEM,
    })
    // Three deliveries of the same conversion.
    await Promise.all(
      [1, 2, 3].map(() =>
        qualifyReferral(db, { workspaceId, referralId: referral.id, actor: { type: 'webhook' } }),
      ),
    )
    await waitFor(
      () =>
        db
          .selectFrom('payouts')
          .select('last_error')
          .where('workspace_id', '=', workspaceId)
          .where('last_error', 'like', '%Insufficient%')
          .executeTakeFirst(),
      'a refused attempt',
    )
    tango.balance = 500
    const paid = await waitFor(
      () =>
        db
          .selectFrom('payouts')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'delivered')
          .executeTakeFirst(),
      'the payout',
    )
    expect(paid.attempts).toBeGreaterThanOrEqual(2)
    expect(tango.created).toHaveLength(1)
    expect(tango.created[0]?.externalRefID).toBe(paid.reward_id)
    const count = await db
      .selectFrom('payouts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
    const reward = await db
      .selectFrom('rewards')
      .select('status')
      .where('id', '=', paid.reward_id)
      .executeTakeFirstOrThrow()
    expect(reward.status).toBe('fulfilled')
  })
})
