import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { webhookSignature } from '../../src/http/verify-signature.js'
import { ATTRIBUTE_KEYS, ATTRIBUTE_TYPES } from '../../src/ledger/campaign-settings.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'
import { startAppProcess, type AppProcess } from './support/app-process.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

/**
 * Two app processes on one PostgreSQL share the job queue while one of them is SIGKILLed and the
 * fake Intercom answers 429s, 500s and a hanging call. Afterwards: nothing lost, nothing doubled.
 */
const WORKSPACE = 'wsfaults01'
const PUBLIC_URL = 'https://referrals.example.test'
const REFERRERS = 12
const FRIENDS_EACH = 2
const WEBHOOK_FRIENDS = 24

let postgres: PrivatePostgres
let fake: FakeIntercom
let handle: DatabaseHandle
let env: Record<string, string>
const apps: AppProcess[] = []
const codes: string[] = []
const expected = new Map<string, Record<string, unknown>>()

/** Polls until `check` holds; the bound only turns a hang into a readable failure. */
async function eventually(check: () => boolean | Promise<boolean>, what: string, attempts = 1200) {
  await vi.waitFor(
    async () => {
      if (await check()) return
      throw new Error(
        `never happened: ${what}\n${apps.map((a) => a.output.slice(-15).join('\n')).join('\n---\n')}`,
      )
    },
    { timeout: attempts * 100, interval: 100 },
  )
}

const count = async (text: string, values: unknown[] = []) =>
  Number(((await handle.executeSql(text, values)).rows[0] as { n: number }).n)

beforeAll(async () => {
  postgres = await startPrivatePostgres()
  const url = await postgres.createDatabase(`kills_${randomBytes(4).toString('hex')}`)
  handle = await connectDatabase({ kind: 'postgres', url })
  await migrateToLatest(handle.db)
  fake = await startFakeIntercom({ workspaceId: WORKSPACE, clientSecret: TEST_CLIENT_SECRET })
  for (const key of ATTRIBUTE_KEYS) fake.controls.defineAttribute(key, ATTRIBUTE_TYPES[key])

  await ensureWorkspace(handle.db, { id: WORKSPACE, name: 'Faults' })
  const campaign = await getDefaultCampaign(handle.db, WORKSPACE)
  await updateCampaign(handle.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    settings: {
      ...campaign.settings,
      rewards: { ...campaign.settings.rewards, rules: [{ id: 'pts', kind: 'points', points: 10 }] },
    },
    actor: SYSTEM,
  })
  for (let i = 0; i < REFERRERS; i++) {
    const email = `referrer${i}@acme.test`
    const contact = fake.controls.addContact({ role: 'user', email, name: `Referrer ${i}` })
    const { referrer } = await ensureReferrer(handle.db, {
      workspaceId: WORKSPACE,
      person: { contactId: contact.id, email, name: `Referrer ${i}` },
      source: 'api',
      actor: SYSTEM,
    })
    codes.push(referrer.code)
    for (let f = 0; f < FRIENDS_EACH; f++) {
      const friendEmail = `friend${i}-${f}@other.test`
      const friend = fake.controls.addContact({ role: 'lead', email: friendEmail })
      await attributeReferral(handle.db, {
        workspaceId: WORKSPACE,
        referrer: { code: referrer.code },
        friend: { contactId: friend.id, email: friendEmail },
        source: 'api',
        actor: SYSTEM,
      })
      expected.set(friend.id, { referred_by_code: referrer.code, referral_status: 'pending' })
    }
    expected.set(contact.id, {
      referral_code: referrer.code,
      referral_link: `${PUBLIC_URL}/r/${referrer.code}`,
    })
  }
  env = {
    DATABASE_URL: url,
    PUBLIC_URL,
    INTERCOM_CLIENT_ID: 'test-client-id',
    INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    INTERCOM_ACCESS_TOKEN: fake.accessToken,
    INTERCOM_WORKSPACE_ID: WORKSPACE,
    INTERCOM_API_BASE_URL: fake.url,
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    LOG_LEVEL: 'warn',
  }
})

afterAll(async () => {
  for (const app of apps) if (app.child.exitCode === null) app.kill('SIGKILL')
  await Promise.all(apps.map((a) => a.exited))
  await handle?.close()
  await fake?.close()
  postgres?.destroy()
})

function attributesMatch(): boolean {
  return [...expected].every(([id, values]) => {
    const attributes = fake.state.contacts.get(id)?.custom_attributes ?? {}
    return Object.entries(values).every(([k, v]) => attributes[k] === v)
  })
}

describe('two instances, one PostgreSQL, SIGKILL and a failing Intercom', () => {
  it('write-back burst: Intercom 429s, 500s and a hang, one instance killed mid-burst; every contact ends right', async () => {
    const createdBefore = fake.state.creates.length
    // A small budget (20 calls per 10 s) keeps the burst running for half a minute, so the killed
    // instance surely dies holding fetched writes that only their lease's lapse gives back.
    fake.controls.setRateLimit(120)
    fake.controls.force429({ count: 4 })
    fake.controls.force5xx(4, 500)
    fake.controls.forceTimeout(1)
    apps.push(await startAppProcess(env), await startAppProcess(env))
    await eventually(() => fake.state.puts.length >= 3, 'the first writes')
    apps[0]!.kill('SIGKILL')
    expect(await apps[0]!.exited).toBe('SIGKILL')
    apps[0] = await startAppProcess(env)
    await eventually(attributesMatch, 'every contact carries its final attributes')
    // The app never creates a contact that exists already, however often a write was retried.
    expect(fake.state.creates.slice(createdBefore)).toEqual([])
    // Writes the killed instance held are retried once their lease lapses (30 s without renewal,
    // noticed within 5 s), then back off a few seconds: well inside the two minutes allowed here.
    await eventually(
      async () => (await count(`select count(*)::int as n from pending_contact_writes`)) === 0,
      'no write left pending',
    )
    fake.controls.setRateLimit(10_000)
  })

  it('webhooks delivered twice (once to each instance), one instance killed while processing: each friend counted and rewarded once', async () => {
    while (apps.length < 2) apps.push(await startAppProcess(env))
    const friends = Array.from({ length: WEBHOOK_FRIENDS }, (_, i) => {
      const contact = fake.controls.addContact({
        role: 'user',
        email: `webhook-friend${i}@new.test`,
        name: `Webhook Friend ${i}`,
      })
      return { contact, code: codes[i % codes.length]! }
    })
    const deliver = async (app: AppProcess, body: string) => {
      const res = await fetch(`${app.url}/intercom/webhooks`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature': webhookSignature(Buffer.from(body), TEST_CLIENT_SECRET),
        },
        body,
      }).catch(() => null)
      return res?.status ?? 0
    }
    const bodies = friends.map(({ contact, code }, i) =>
      JSON.stringify({
        type: 'notification_event',
        id: `notif_faults_${i}`,
        app_id: WORKSPACE,
        topic: 'contact.user.created',
        created_at: Math.floor(Date.now() / 1000),
        data: {
          type: 'notification_event_data',
          item: { ...contact, custom_attributes: { referred_by_code: code } },
        },
      }),
    )
    const half = bodies.length / 2
    for (const body of bodies.slice(0, half)) {
      expect(await deliver(apps[0]!, body)).toBe(200)
      expect(await deliver(apps[1]!, body)).toBe(200)
    }
    // Kill B while the first half is being processed; Intercom's retries reach A meanwhile.
    apps[1]!.kill('SIGKILL')
    await apps[1]!.exited
    for (const body of bodies.slice(half)) expect(await deliver(apps[0]!, body)).toBe(200)
    apps[1] = await startAppProcess(env)
    for (const body of bodies.slice(half)) expect(await deliver(apps[1]!, body)).toBe(200)

    // The table is the queue, so nothing can be orphaned; what the killed instance had claimed
    // stays claimed until its lease ends (5 minutes); end those leases now, as time would.
    await handle.executeSql(
      `update webhook_notifications set claimed_until = now()
        where workspace_id = $1 and status in ('received','planned') and claimed_until > now()`,
      [WORKSPACE],
    )
    await eventually(
      async () =>
        (await count(
          `select count(*)::int as n from webhook_notifications where workspace_id = $1 and status in ('received','planned')`,
          [WORKSPACE],
        )) === 0,
      'every notification processed',
    )
    expect(
      await count(
        `select count(*)::int as n from webhook_notifications where notification_id like 'notif_faults_%'`,
      ),
    ).toBe(WEBHOOK_FRIENDS)
    const contactIds = friends.map((f) => f.contact.id)
    const referrals = await handle.executeSql(
      `select p.contact_id, count(*)::int as n, max(r.status) as status from referrals r join participants p on p.id = r.friend_participant_id
       where r.workspace_id = $1 and p.contact_id = any($2) group by p.contact_id`,
      [WORKSPACE, contactIds],
    )
    expect(referrals.rows).toHaveLength(WEBHOOK_FRIENDS)
    for (const row of referrals.rows as { n: number; status: string }[]) expect(row.n).toBe(1)
    // Counters on referrers agree with the rows they count.
    expect(
      await count(
        `select count(*)::int as n from referrers f where f.workspace_id = $1 and f.referral_count <> (select count(*) from referrals r where r.referrer_id = f.id)`,
        [WORKSPACE],
      ),
    ).toBe(0)
    // Rewards: exactly one per qualified referral (one points rule for the referrer), never two.
    const qualified = await count(
      `select count(*)::int as n from referrals r join participants p on p.id = r.friend_participant_id
       where r.workspace_id = $1 and p.contact_id = any($2) and r.status = 'qualified'`,
      [WORKSPACE, contactIds],
    )
    const rewarded = await count(
      `select count(*)::int as n from rewards w join referrals r on r.id = w.referral_id join participants p on p.id = r.friend_participant_id
       where w.workspace_id = $1 and p.contact_id = any($2)`,
      [WORKSPACE, contactIds],
    )
    expect(qualified).toBeGreaterThan(0)
    expect(rewarded).toBe(qualified)
    expect(
      await count(
        `select count(*)::int as n from (select referral_id from rewards where workspace_id = $1 group by referral_id, participant_id, kind having count(*) > 1) d`,
        [WORKSPACE],
      ),
    ).toBe(0)
  })
})
