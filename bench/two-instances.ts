/**
 * The measured two-instance run for docs/deploy.md: two app processes on different ports, one
 * PostgreSQL database, both started at once (so both run the migrations concurrently), load on
 * both, then a check that nothing was lost or doubled.
 *
 *   DATABASE_ADMIN_URL=postgres://postgres@127.0.0.1:54329/postgres npx tsx bench/two-instances.ts
 */
import { randomBytes, randomInt } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import autocannon, { type Result } from 'autocannon'
import pg from 'pg'
import { connectDatabase } from '../db/connect.js'
import { getDefaultCampaign } from '../src/ledger/campaigns.js'
import { ensureReferrer } from '../src/ledger/referrers.js'
import { ensureWorkspace } from '../src/ledger/workspaces.js'
import { contactNotification, signWebhook } from './load.js'
import { buildServer, SERVER_ENTRY, startChild, type Child } from './processes.js'

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres'
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16)
const SECRET = `scale-${randomBytes(8).toString('hex')}`
const REFERRERS = 200
const WEBHOOKS = Number(process.env.WEBHOOKS ?? 120)
const EXACT_CLICKS = 400

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

function summary(result: Result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, v.count]),
    ),
  }
}

// Visitors arrive through a load balancer: each request carries its own client address.
const visitor = () => `203.0.${randomInt(256)}.${randomInt(1, 255)}`

function clicks(url: string, codes: string[]) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/r/${codes[randomInt(codes.length)]}`,
          headers: { 'x-forwarded-for': visitor() },
        }),
      },
    ],
  })
}

async function main(): Promise<void> {
  buildServer()
  const name = `referrals_scale_${randomBytes(4).toString('hex')}`
  await admin(`create database ${name}`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const env = {
    DATABASE_URL: url.toString(),
    NODE_ENV: 'production',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    INTERCOM_CLIENT_ID: 'scale',
    INTERCOM_CLIENT_SECRET: SECRET,
    PUBLIC_URL: 'https://referrals.example.test',
    LOG_LEVEL: 'warn',
  }
  const children: Child[] = []
  try {
    // Both at once on an empty database: the migrations race, Kysely's advisory lock serializes them.
    children.push(
      ...(await Promise.all([startChild(SERVER_ENTRY, env), startChild(SERVER_ENTRY, env)])),
    )
    const [a, b] = children as [Child, Child]
    const handle = await connectDatabase({ kind: 'postgres', url: url.toString() })
    const workspaceId = `ws_scale_${randomBytes(3).toString('hex')}`
    await ensureWorkspace(handle.db, { id: workspaceId, name: 'Scale' })
    await getDefaultCampaign(handle.db, workspaceId)
    const codes: string[] = []
    for (let i = 0; i < REFERRERS; i++) {
      const { referrer } = await ensureReferrer(handle.db, {
        workspaceId,
        person: { contactId: `ref_${i}`, email: `ref${i}@example.com`, name: `Ref ${i}` },
        source: 'api',
        actor: { type: 'system' },
      })
      codes.push(referrer.code)
    }

    const single = summary(await clicks(a.url, codes))
    const [onA, onB] = await Promise.all([clicks(a.url, codes), clicks(b.url, codes)])
    const both = [summary(onA), summary(onB)]

    // Exactly EXACT_CLICKS more clicks, alternating instances: every one must land exactly once.
    const count = async (text: string) =>
      ((await handle.executeSql(text)).rows[0] as { n: number }).n
    // autocannon stops at its deadline with requests still in flight; the instances finish them
    // after it returns. Counted before they land, they showed up as extra rows of the exact phase
    // (402 for 400): wait until the count stops moving.
    let clicksBefore = await count(`select count(*)::int as n from link_clicks`)
    for (let settled = false; !settled; ) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      const now = await count(`select count(*)::int as n from link_clicks`)
      settled = now === clicksBefore
      clicksBefore = now
    }
    let exactAnswered = 0
    for (let i = 0; i < EXACT_CLICKS; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, j) => {
          const target = (i + j) % 2 ? a : b
          const res = await fetch(`${target.url}/r/${codes[(i + j) % codes.length]}`, {
            redirect: 'manual',
            // A visitor of its own per click: a repeat by one visitor is (rightly) not counted.
            headers: { 'x-forwarded-for': `198.18.${(i + j) >> 8}.${(i + j) & 255}` },
          })
          if (res.status === 303) exactAnswered++
        }),
      )
    }
    const clicksAfter = await count(`select count(*)::int as n from link_clicks`)

    // Webhooks: every notification delivered to BOTH instances (as a retrying Intercom might),
    // each friend carrying a referrer's code; the shared queue must attribute each friend once.
    let accepted = 0
    const started = Date.now()
    await Promise.all(
      Array.from({ length: WEBHOOKS }, async (_, i) => {
        const raw = JSON.stringify(
          contactNotification({
            workspaceId,
            id: `notif_scale_${i}`,
            topic: 'contact.user.created',
            contact: {
              id: `friend_${i}`,
              role: 'user',
              email: `friend${i}@example.org`,
              name: `Friend ${i}`,
              custom_attributes: { referred_by_code: codes[i % codes.length] },
            },
          }),
        )
        for (const target of [a, b]) {
          const res = await fetch(`${target.url}/intercom/webhooks`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-hub-signature': signWebhook(raw, SECRET),
            },
            body: raw,
          })
          if (res.ok) accepted++
        }
      }),
    )
    const acceptedMs = Date.now() - started
    let processedMs = 0
    for (;;) {
      const { rows } = await handle.executeSql(
        `select count(*)::int as n from webhook_notifications where status not in ('received','planned')`,
      )
      if ((rows[0] as { n: number }).n >= WEBHOOKS) {
        processedMs = Date.now() - started
        break
      }
      if (Date.now() - started > 300_000) break
      await new Promise((r) => setTimeout(r, 250))
    }
    const checks = {
      exactClicksSent: EXACT_CLICKS,
      exactClicksAnswered303: exactAnswered,
      exactClickRowsAdded: clicksAfter - clicksBefore,
      clickRows: await count(`select count(*)::int as n from link_clicks`),
      clickCounterSum: await count(`select coalesce(sum(click_count),0)::int as n from referrers`),
      notificationsStored: await count(`select count(*)::int as n from webhook_notifications`),
      notificationsProcessed: await count(
        `select count(*)::int as n from webhook_notifications where status not in ('received','planned')`,
      ),
      referrals: await count(`select count(*)::int as n from referrals`),
      friendsReferredTwice: await count(
        `select count(*)::int as n from (select friend_participant_id from referrals group by 1 having count(*) > 1) d`,
      ),
      referralCounterSum: await count(
        `select coalesce(sum(referral_count),0)::int as n from referrers`,
      ),
    }
    await handle.close()
    const report = {
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        node: process.version,
        loadAverage1m: loadavg()[0],
      },
      load: { seconds: SECONDS, connectionsPerInstance: CONNECTIONS, referrers: REFERRERS },
      oneInstance: single,
      twoInstances: {
        a: both[0],
        b: both[1],
        combinedRps: both[0]!.requestsPerSecond + both[1]!.requestsPerSecond,
      },
      webhooks: {
        notifications: WEBHOOKS,
        deliveries: WEBHOOKS * 2,
        accepted,
        acceptedMs,
        allProcessedMs: processedMs,
        processedPerSecond: processedMs ? Math.round((WEBHOOKS / processedMs) * 10000) / 10 : null,
      },
      checks,
      peakRssMb: children.map((c) => c.peakRssMb()),
    }
    console.log(JSON.stringify(report, null, 2))
  } finally {
    await Promise.all(children.map((c) => c.stop()))
    await admin(`drop database if exists ${name} with (force)`)
  }
}

await main()
