import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { rewardSigningSecret } from '../../src/rewards/reward-signing-secret.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { FULFILMENT_QUEUE, FULFILMENT_QUEUE_OPTIONS } from '../../src/rewards/fulfilment-queue.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'
import { type RewardReceiver, startRewardReceiver } from '../support/reward-receiver.js'

function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe()
      if (value === undefined) throw new Error(`gave up waiting for ${what}`)
      return value
    },
    { timeout: 45_000, interval: 200 },
  )
}

describe('reward fulfilment', () => {
  let fake: FakeIntercom
  let sut: RunningServer
  let receiver: RewardReceiver
  const workspaceId = 'wsreward01'

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId })
    receiver = await startRewardReceiver(2)
    // The receiver runs on loopback, which an operator must allow explicitly.
    sut = await startServer(
      testConfig({ INTERCOM_API_BASE_URL: fake.url, OUTBOUND_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' }),
      { host: '127.0.0.1' },
    )
    // Retries a second apart instead of the production backoff, so the test waits seconds.
    await sut.ctx.jobs?.updateQueue(FULFILMENT_QUEUE, {
      ...FULFILMENT_QUEUE_OPTIONS,
      name: FULFILMENT_QUEUE,
      retryDelay: 1,
      retryBackoff: false,
    })
    await storeWorkspaceConnection(sut.ctx, {
      workspaceId,
      name: 'Reward Co',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
  })
  afterAll(async () => {
    await sut?.close()
    await receiver?.close()
    await fake?.close()
  })

  it('sends the Intercom event and a signed webhook, retrying until the receiver accepts', async () => {
    const db = sut.ctx.db
    const campaign = await getDefaultCampaign(db, workspaceId)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        rewards: {
          fulfilmentWebhookUrl: receiver.url,
          rules: [{ id: 'cash', kind: 'fixed', amountMinor: 2500, currency: 'USD' }],
        },
      },
      actor: SYSTEM,
    })
    const contact = fake.controls.addContact({
      role: 'user',
      email: 'rita@acme.test',
      name: 'Rita Referrer',
    })
    const { referrer } = await ensureReferrer(db, {
      workspaceId,
      person: { contactId: contact.id, email: 'rita@acme.test', name: 'Rita Referrer' },
      source: 'api',
      actor: SYSTEM,
    })
    const { referral } = await attributeReferral(db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { contactId: 'friend-contact-1', email: 'fred@other.test', name: 'Fred Friend' },
      source: 'api',
      actor: SYSTEM,
    })
    await qualifyReferral(db, { workspaceId, referralId: referral.id, actor: { type: 'webhook' } })

    const reward = await waitFor(
      () =>
        db
          .selectFrom('rewards')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'fulfilled')
          .executeTakeFirst(),
      'the reward to be fulfilled',
    )
    expect(reward).toMatchObject({ recipient_role: 'referrer', amount_minor: 2500 })

    // (b) three deliveries: two refused, the third accepted; each one signed and uniquely identified.
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200])
    const secret = await rewardSigningSecret(db, workspaceId)
    for (const delivery of receiver.received) {
      const expected = `sha256=${createHmac('sha256', secret).update(delivery.body).digest('hex')}`
      expect(delivery.headers['x-referrals-signature']).toBe(expected)
      expect(delivery.headers['content-type']).toBe('application/json')
    }
    const deliveryIds = receiver.received.map((r) => r.headers['x-referrals-delivery'])
    expect(new Set(deliveryIds).size).toBe(3)
    expect(JSON.parse(receiver.received[2]?.body ?? '{}')).toMatchObject({
      type: 'reward.approved',
      workspace_id: workspaceId,
      reward: { id: reward.id, kind: 'fixed', amount_minor: 2500, currency: 'USD' },
      recipient: { contact_id: contact.id, email: 'rita@acme.test' },
    })

    // (a) one data event on the referrer's contact, sent by the data-event pipeline (once, although
    // the fulfilment job ran three times).
    const events = await waitFor(async () => {
      const found = fake.state.events.filter((e) => e.event_name === 'referral-reward-issued')
      return found.length > 0 ? found : undefined
    }, 'the reward event')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      contact_id: contact.id,
      metadata: { reward_type: 'fixed', amount: '25.00', currency: 'USD', reward_id: reward.id },
    })
    const posts = fake.state.requests.filter(
      (r) =>
        r.path === '/events' &&
        (r.body as { event_name?: string }).event_name === 'referral-reward-issued',
    )
    expect(posts).toHaveLength(1)

    const history = await db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', workspaceId)
      .where('subject_id', '=', reward.id)
      .orderBy('id')
      .execute()
    expect(history.map((e) => e.type)).toEqual([
      'reward.issued',
      'reward.fulfilment_failed',
      'reward.fulfilment_failed',
      'reward.fulfilled',
      'reward.delivered',
    ])
  })
})
