import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { webhookSignature } from '../../src/http/verify-signature.js'
import { ATTRIBUTE_KEYS, ATTRIBUTE_TYPES } from '../../src/ledger/campaign-settings.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { connectPayoutProvider } from '../../src/rewards/payouts/connections.js'
import { PAYOUT_QUEUE } from '../../src/rewards/payouts/payout-queue.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import {
  startFakeTangoCard,
  TANGO_AMAZON_UTID,
  type FakeTangoCard,
} from '../fake-payouts/tango-card.js'
import { TEST_CLIENT_SECRET, testConfig } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'
import { startAppProcess, type AppProcess } from './support/app-process.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

/**
 * A gift-card payout whose instance is SIGKILLed at the worst moment: Tango Card has created the
 * order, the instance has not heard the answer, so nothing is recorded. A second instance takes
 * the job over; Tango Card must end with exactly one order (its externalRefID is the reward id)
 * and the ledger with one payout, sent once.
 */
const WORKSPACE = 'wspaykill1'
const ENCRYPTION_KEY = Buffer.alloc(32, 5).toString('base64')

let postgres: PrivatePostgres
let handle: DatabaseHandle
let intercom: FakeIntercom
let tango: FakeTangoCard
let env: Record<string, string>
const apps: AppProcess[] = []

const rows = async <T>(text: string, values: unknown[] = []) =>
  (await handle.executeSql(text, values)).rows as T[]

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  await vi.waitFor(
    async () => {
      if (await check()) return
      throw new Error(
        `never happened: ${what}\n${apps.map((a) => a.output.slice(-15).join('\n')).join('\n---\n')}`,
      )
    },
    { timeout: 90_000, interval: 100 },
  )
}

beforeAll(async () => {
  postgres = await startPrivatePostgres()
  const url = await postgres.createDatabase(`paykill_${randomBytes(4).toString('hex')}`)
  handle = await connectDatabase({ kind: 'postgres', url })
  await migrateToLatest(handle.db)
  intercom = await startFakeIntercom({ workspaceId: WORKSPACE, clientSecret: TEST_CLIENT_SECRET })
  for (const key of ATTRIBUTE_KEYS) intercom.controls.defineAttribute(key, ATTRIBUTE_TYPES[key])
  tango = await startFakeTangoCard()

  await ensureWorkspace(handle.db, { id: WORKSPACE, name: 'Payout faults' })
  const campaign = await getDefaultCampaign(handle.db, WORKSPACE)
  await updateCampaign(handle.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    settings: {
      ...campaign.settings,
      rewards: {
        ...campaign.settings.rewards,
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
  const config = testConfig({ TANGO_CARD_API_BASE_URL: tango.url, ENCRYPTION_KEY })
  await connectPayoutProvider({ db: handle.db, config }, WORKSPACE, {
    provider: 'tango_card',
    environment: 'sandbox',
    platformName: tango.platformName,
    platformKey: tango.platformKey,
    customerIdentifier: tango.customerIdentifier,
    accountIdentifier: tango.accountIdentifier,
  })
  env = {
    DATABASE_URL: url,
    PUBLIC_URL: 'https://referrals.example.test',
    INTERCOM_CLIENT_ID: 'test-client-id',
    INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    INTERCOM_ACCESS_TOKEN: intercom.accessToken,
    INTERCOM_WORKSPACE_ID: WORKSPACE,
    INTERCOM_API_BASE_URL: intercom.url,
    TANGO_CARD_API_BASE_URL: tango.url,
    ENCRYPTION_KEY,
    LOG_LEVEL: 'warn',
  }
})

afterAll(async () => {
  for (const app of apps) if (app.child.exitCode === null) app.kill('SIGKILL')
  await Promise.all(apps.map((a) => a.exited))
  await handle?.close()
  await Promise.all([intercom?.close(), tango?.close()])
  postgres?.destroy()
})

describe('a payout instance killed between the order and its record', () => {
  it('a second instance takes over: one Tango Card order, one payout in the ledger', async () => {
    const email = 'rita@acme.test'
    const contact = intercom.controls.addContact({ role: 'user', email, name: 'Rita Referrer' })
    const { referrer } = await ensureReferrer(handle.db, {
      workspaceId: WORKSPACE,
      person: { contactId: contact.id, email, name: 'Rita Referrer' },
      source: 'api',
      actor: SYSTEM,
    })

    const first = await startAppProcess(env)
    apps.push(first)
    // A retry a second after the lease is reclaimed instead of the production backoff (minutes).
    await handle.executeSql(
      `update pgboss.queue set retry_delay = 1, retry_backoff = false where name = $1`,
      [PAYOUT_QUEUE],
    )
    // The moment: Tango Card has created the order; the instance that asked dies before the
    // answer reaches it, so it can record nothing.
    let killedAt: string | null = null
    tango.afterOrderCreated = async (externalRefID) => {
      if (killedAt !== null) return
      killedAt = externalRefID
      first.kill('SIGKILL')
      await first.exited
    }

    const friend = intercom.controls.addContact({
      role: 'user',
      email: 'fred@other.test',
      name: 'Fred Friend',
    })
    const body = JSON.stringify({
      type: 'notification_event',
      id: 'notif_paykill_1',
      app_id: WORKSPACE,
      topic: 'contact.user.created',
      created_at: Math.floor(Date.now() / 1000),
      data: {
        type: 'notification_event_data',
        item: { ...friend, custom_attributes: { referred_by_code: referrer.code } },
      },
    })
    const res = await fetch(`${first.url}/intercom/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': webhookSignature(Buffer.from(body), TEST_CLIENT_SECRET),
      },
      body,
    })
    expect(res.status).toBe(200)
    expect(await first.exited).toBe('SIGKILL')

    const [payout] = await rows<{ id: string; reward_id: string; status: string }>(
      `select id, reward_id, status from payouts where workspace_id = $1`,
      [WORKSPACE],
    )
    expect(killedAt).toBe(payout?.reward_id)
    expect(payout?.status).toBe('requested')
    expect(tango.created).toHaveLength(1)

    // The killed instance's job is still active; its lease (30 s) would lapse unrenewed. End it
    // now, as time would, and start the second instance: it reclaims and retries the job.
    await handle.executeSql(
      `update pgboss.job set started_on = now() - interval '1 hour' where name = $1 and state = 'active'`,
      [PAYOUT_QUEUE],
    )
    apps.push(await startAppProcess(env))
    await eventually(
      async () =>
        (
          await rows<{ status: string }>(`select status from payouts where id = $1`, [payout!.id])
        )[0]?.status === 'delivered',
      'the second instance records the payout',
    )

    // Tango Card: two order requests with the same reference, one order.
    const orderCalls = tango.requests.filter((r) => r.method === 'POST' && r.path === '/orders')
    expect(
      orderCalls.map((r) => (JSON.parse(r.body) as { externalRefID: string }).externalRefID),
    ).toEqual([payout!.reward_id, payout!.reward_id])
    expect(tango.created).toEqual([
      expect.objectContaining({ externalRefID: payout!.reward_id, amount: 20 }),
    ])
    // The ledger: one payout for the reward, sent and delivered once, the reward fulfilled.
    expect(
      await rows(`select id from payouts where reward_id = $1`, [payout!.reward_id]),
    ).toHaveLength(1)
    const events = await rows<{ type: string }>(
      `select type from events where workspace_id = $1 and subject_id = $2 and type like 'payout.%' order by id`,
      [WORKSPACE, payout!.reward_id],
    )
    expect(events.map((e) => e.type)).toEqual([
      'payout.requested',
      'payout.sent',
      'payout.delivered',
    ])
    const [reward] = await rows<{ status: string }>(`select status from rewards where id = $1`, [
      payout!.reward_id,
    ])
    expect(reward?.status).toBe('fulfilled')
  })
})
