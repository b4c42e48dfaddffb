import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { type Kysely, sql } from 'kysely'
import { connectDatabase, type DatabaseTarget } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import {
  drive,
  inboxInitializeBody,
  liveCanvasBody,
  randomInt,
  signCanvas,
  signWebhook,
  type LoadFigures,
  webhookBody,
} from './load.js'
import {
  askProbe,
  buildServer,
  freePort,
  SERVER_ENTRY,
  startChild,
  type Child,
  type Stalls,
} from './processes.js'
import { BENCH_WORKSPACE, seedBenchData } from './seed.js'
import { printTable, writeBenchTable, writeResults, type Figure } from './report.js'
import { extraScenarios } from './scenarios.js'
import { BENCH_ADMIN_KEY } from './scenario-support.js'

const SECRET = 'bench-client-secret-0123456789abcdef'
const ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64')
const CONNECTIONS = 64
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARM_UP_SECONDS = 3
/**
 * BENCH_ONLY=canvas (or a scenario name; `webhooks` alone runs the webhook runs of the canvas
 * scenario without the card runs) runs a part for a quick try; nothing is written then.
 */
const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim()) ?? null
const runs = (part: string) => !ONLY || ONLY.includes(part)
/** `npm run bench -- --cpu-prof`: a V8 CPU profile of the server during the cache-hit card run. */
const CPU_PROFILE = process.argv.includes('--cpu-prof')
/** `npm run bench -- --heap-snapshot`: a heap snapshot of the server after the load runs (cache full). */
const HEAP_SNAPSHOT = process.argv.includes('--heap-snapshot')

async function main(): Promise<void> {
  const started = Date.now()
  const loadAtStart = loadavg()[0] ?? 0
  const pgUrl = process.env.BENCH_DATABASE_URL
  const rows = Number(process.env.BENCH_ROWS ?? (pgUrl ? 1_000_000 : 100_000))
  const dataDir = pgUrl ? null : mkdtempSync(join(tmpdir(), 'referrals-bench-'))
  const target: DatabaseTarget = pgUrl
    ? { kind: 'postgres', url: pgUrl }
    : { kind: 'pglite', dataDir: dataDir! }
  buildServer()

  const seedHandle = await connectDatabase(target)
  // A PostgreSQL server's version and buffer cache are part of what was measured: the label says.
  const postgres = pgUrl ? await postgresSettings(seedHandle.db) : null
  const databaseLabel = postgres
    ? `PostgreSQL ${postgres.version} (shared_buffers ${postgres.sharedBuffers}), ${rows.toLocaleString('en')} referrals`
    : `PGlite, ${rows.toLocaleString('en')} referrals`
  log(`benchmark on ${databaseLabel}`)
  await migrateToLatest(seedHandle.db)
  const seed = await seedBenchData(seedHandle, rows)
  await seedHandle.close()
  log(`seeded ${seed.friends} referrals / ${seed.referrers} referrers in ${seed.seconds}s`)

  const figures: Figure[] = []
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const serverEnv: Record<string, string> = {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    INTERCOM_CLIENT_ID: 'bench',
    INTERCOM_CLIENT_SECRET: SECRET,
    ENCRYPTION_KEY,
    // /metrics answers only with the admin key.
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
    LOG_LEVEL: 'warn',
    ...(pgUrl ? { DATABASE_URL: pgUrl } : { DATA_DIR: dataDir! }),
  }

  if (runs('canvas') || runs('webhooks'))
    figures.push(
      ...(await canvasScenarios({
        cardRuns: runs('canvas'),
        serverEnv,
        publicUrl,
        referrers: seed.referrers,
        friends: seed.friends,
        onPostgres: Boolean(pgUrl),
      })),
    )
  figures.push(...(await extraScenarios({ serverEnv, target, rows, secret: SECRET, log }, runs)))

  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    database: databaseLabel,
    connections: CONNECTIONS,
    secondsPerRun: SECONDS,
    wallSeconds: Math.round((Date.now() - started) / 1000),
    // Other work on the machine distorts every figure: the run says how busy it was.
    loadAverage: { start: round1(loadAtStart), end: round1(loadavg()[0] ?? 0) },
    conditions: underLoad(loadAtStart)
      ? 'Measured under load: other work shared the machine (load average above its core count), so absolute figures are distorted; only ratios within this run compare.'
      : 'Measured on a quiet machine (load average within its core count).',
  }
  printTable(meta, figures)
  if (!ONLY) {
    writeResults('bench/results.json', pgUrl ? 'postgres' : 'pglite', { ...meta, figures })
    writeBenchTable('docs/benchmarks.md', meta, figures)
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

async function postgresSettings<DB>(db: Kysely<DB>) {
  const version = await sql<{ server_version: string }>`show server_version`.execute(db)
  const buffers = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db)
  return {
    version: version.rows[0]?.server_version.split(' ')[0] ?? '?',
    sharedBuffers: buffers.rows[0]?.shared_buffers ?? '?',
  }
}

/** Whether the machine was busier than its cores at the start or the end of the run. */
function underLoad(loadAtStart: number): boolean {
  return Math.max(loadAtStart, loadavg()[0] ?? 0) > cpus().length
}

/** Share of the floor's requests/s at which canvas p99 is measured (the "30 % of the floor's rate"). */
const P99_SHARE = 0.3
/**
 * Referrers whose cards are viewed repeatedly (contacts opening the Messenger again, agents reopening
 * a conversation): the canvas rows with targets are about them, the card cache's case. A row of
 * views spread over every seeded referrer (nearly all cache misses) is measured beside them.
 */
const HOT_REFERRERS = 2_000

type Load = Parameters<typeof drive>[0]

/** `body` posted to `path` for the run's length at its connections, canvas-signed unless told. */
function loadOf(
  url: string,
  path: string,
  body: () => unknown,
  sign = (raw: string): Record<string, string> => ({
    'x-body-signature': signCanvas(raw, SECRET),
  }),
): Load {
  return { url, path, connections: CONNECTIONS, seconds: SECONDS, body, sign }
}

/** Live canvas, Inbox initialize and webhook acks against the floor, on one server process. */
async function canvasScenarios(input: {
  /** The card runs (false: only the webhook runs, `BENCH_ONLY=webhooks`). */
  cardRuns: boolean
  serverEnv: Record<string, string>
  publicUrl: string
  referrers: number
  friends: number
  onPostgres: boolean
}): Promise<Figure[]> {
  const { cardRuns, serverEnv, publicUrl, referrers, friends, onPostgres } = input
  const hot = Math.min(HOT_REFERRERS, referrers)
  const figures: Figure[] = []
  const sampleResponse = await captureCanvasResponse(serverEnv, publicUrl)
  const bodyFile = join(tmpdir(), `referrals-floor-${process.pid}.json`)
  writeFileSync(bodyFile, sampleResponse)
  // The floor stays up (idle) beside the server, so it can be measured at any rate the server is.
  const floor = await startChild('bench/floor-server.ts', { FLOOR_BODY_FILE: bodyFile })
  const anyReferrerCard = () => liveCanvasBody(BENCH_WORKSPACE, randomInt(referrers), publicUrl)
  const floorLoad = loadOf(floor.url, '/floor', anyReferrerCard)
  const server = await startChild(SERVER_ENTRY, serverEnv, '/healthz', { probe: true })
  /** A load run with what stalled the server during it (event-loop delay, GC pauses). */
  const probed = async (run: Load): Promise<[LoadFigures, Stalls]> => {
    await askProbe(server, 'reset')
    const figures = await drive(run)
    return [figures, await askProbe<Stalls>(server, 'read')]
  }
  try {
    if (cardRuns) {
      await drive({ ...floorLoad, seconds: WARM_UP_SECONDS })
      const floorFigures = await drive(floorLoad)
      const p99Rate = floorFigures.requestsPerSecond * P99_SHARE
      const floorAtShare = await drive({ ...floorLoad, rate: p99Rate })
      figures.push(load('floor: bare Express canvas route (same body size)', floorFigures))
      // The machine's limit: node:http alone answering the same body (started for this run only).
      const bare = await startChild('bench/node-http-floor.ts', { FLOOR_BODY_FILE: bodyFile })
      try {
        await drive({ ...floorLoad, url: bare.url, path: '/', seconds: WARM_UP_SECONDS })
        const bareFigures = await drive({ ...floorLoad, url: bare.url, path: '/' })
        figures.push(load('reference: bare node:http answering the same body', bareFigures), {
          name: "reference: the Express floor's share of bare node:http's requests/s",
          value: Math.round(
            (floorFigures.requestsPerSecond / Math.max(1, bareFigures.requestsPerSecond)) * 100,
          ),
          unit: '%',
          target: '',
          met: null,
        })
      } finally {
        await bare.stop()
      }
      figures.push({
        name: `floor p99 at 30 % of the floor's rate (${Math.round(p99Rate).toLocaleString('en')} req/s offered at ${CONNECTIONS} connections)`,
        value: floorAtShare.p99Ms,
        unit: 'ms',
        target: '',
        met: null,
      })

      const hotBody = (make: (n: number) => unknown) => {
        let next = 0
        return {
          // warm-up walks the hot set in order, so the measured runs find it cached
          warm: () => make((next++ % hot) + 1),
          measured: () => make(randomInt(hot)),
        }
      }
      const live = hotBody((n) => liveCanvasBody(BENCH_WORKSPACE, n, publicUrl))
      const inbox = hotBody((n) => inboxInitializeBody(BENCH_WORKSPACE, n))
      const canvases = [
        {
          name: 'live canvas (Messenger card)',
          path: '/canvas/messenger/live',
          body: live,
          goal: onPostgres ? 0.6 : 0.3,
        },
        {
          name: 'Inbox initialize',
          path: '/canvas/inbox/initialize',
          body: inbox,
          goal: onPostgres ? 0.6 : null,
        },
      ]
      for (const canvas of canvases) {
        const run = loadOf(server.url, canvas.path, canvas.body.measured)
        // A server in production is warm: the hot set walked once, then a few seconds of the same
        // requests, not counted.
        await drive({ ...run, body: canvas.body.warm, amount: hot })
        await drive({ ...run, seconds: WARM_UP_SECONDS })
        const before = await cacheLookups(server.url)
        const profiling = CPU_PROFILE && canvas === canvases[0]
        if (profiling) await askProbe(server, 'profile-start')
        const [saturated, saturatedStalls] = await probed(run)
        if (profiling) {
          const path = join(process.cwd(), `bench-cache-hit-${Date.now()}.cpuprofile`)
          await askProbe(server, 'profile-stop', { path })
          log(`CPU profile of the server during the cache-hit run: ${path}`)
        }
        const [atShare, atShareStalls] = await probed({ ...run, rate: p99Rate })
        const hits = hitRatio(before, await cacheLookups(server.url))
        figures.push(
          ...canvasFigures({
            name: `${canvas.name}, ${hot.toLocaleString('en')} referrers viewed repeatedly (${hits} card cache hits)`,
            saturated,
            saturatedStalls,
            atShare,
            atShareStalls,
            floor: floorFigures,
            floorAtShare,
            goal: canvas.goal,
            p99Target: onPostgres,
          }),
        )
      }
      // Every view a different referrer of all those seeded: the card cache rarely helps.
      const spread = loadOf(server.url, '/canvas/messenger/live', anyReferrerCard)
      const spreadBefore = await cacheLookups(server.url)
      const spreadFigures = await drive(spread)
      const spreadHits = hitRatio(spreadBefore, await cacheLookups(server.url))
      figures.push(
        load(
          `live canvas, views spread over all ${referrers.toLocaleString('en')} referrers (${spreadHits} card cache hits)`,
          spreadFigures,
        ),
        {
          name: "live canvas, views spread over all referrers: share of the floor's requests/s",
          value: Math.round(
            (spreadFigures.requestsPerSecond / Math.max(1, floorFigures.requestsPerSecond)) * 100,
          ),
          unit: '%',
          target: '',
          met: null,
        },
        failedFigure('live canvas, views spread over all referrers', [spreadFigures]),
      )
    }

    figures.push(...(await webhookScenario(server.url, floorLoad, friends, onPostgres)))
    const cache = await cacheState(server.url)
    // Before any snapshot: writing one takes memory of its own.
    const peakRss = server.peakRssMb()
    if (HEAP_SNAPSHOT) {
      const path = join(process.cwd(), `bench-server-${Date.now()}.heapsnapshot`)
      await askProbe(server, 'heap-snapshot', { path })
      log(`heap snapshot of the server after the load runs: ${path}`)
    }
    figures.push({
      name: `server peak RSS under load, card cache holding ${cache.entries.toLocaleString('en')} cards (${cache.megabytes} MB estimated; bounded at 20,000 cards / 24 MB)`,
      value: peakRss,
      unit: 'MB',
      target: onPostgres ? '≤ 250 MB' : '',
      met: onPostgres ? peakRss <= 250 : null,
    })
  } finally {
    await server.stop()
    await floor.stop()
    rmSync(bodyFile, { force: true })
  }
  return figures
}

/**
 * Webhook acks flat out (a burst, whose backlog the server then processes), acks offered half that
 * rate while the backlog is processed (the p99 the target is about) beside the floor's p99 at the
 * same rate, and how fast the backlog was processed.
 */
async function webhookScenario(
  serverUrl: string,
  floorLoad: Load,
  friends: number,
  onPostgres: boolean,
): Promise<Figure[]> {
  const webhookRun = loadOf(
    serverUrl,
    '/intercom/webhooks',
    () => webhookBody(BENCH_WORKSPACE, randomInt(friends)),
    (raw) => ({ 'x-hub-signature': signWebhook(raw, SECRET) }),
  )
  await drive({ ...webhookRun, seconds: WARM_UP_SECONDS })
  await notificationsDrained(serverUrl)
  const burst = await drive(webhookRun)
  const processing = Date.now()
  const pendingAfterBurst = await pendingNotifications(serverUrl)
  const burstProcessed = burstProcessedAfter(serverUrl, processing)
  const rate = burst.requestsPerSecond / 2
  const whileProcessing = await drive({ ...webhookRun, rate })
  const pendingAfterAcks = await pendingNotifications(serverUrl)
  const drained = await notificationsDrained(serverUrl)
  const burstSeconds = await burstProcessed
  const seconds = Math.max(0.5, (Date.now() - processing) / 1000)
  const processed = pendingAfterBurst + whileProcessing.total - drained.left
  const perSecond = Math.round(processed / seconds)
  const floorAtRate = await drive({ ...floorLoad, rate })
  const stillProcessing = pendingAfterAcks > 0
  const ackTarget = 2 * floorAtRate.p99Ms
  return [
    {
      name: `webhook acks flat out at ${CONNECTIONS} connections, a burst (p50 ${burst.p50Ms} ms, p99 ${burst.p99Ms} ms)`,
      value: burst.requestsPerSecond,
      unit: 'notifications/s',
      target: '',
      met: null,
    },
    {
      name: `webhook ack p99 while a backlog is processed (${Math.round(rate).toLocaleString('en')}/s offered, half the burst's rate; ${pendingAfterBurst.toLocaleString('en')} waiting at the start, ${stillProcessing ? pendingAfterAcks.toLocaleString('en') + ' still waiting at the end' : 'processed before the end'}); floor p99 at the same rate ${floorAtRate.p99Ms} ms`,
      value: whileProcessing.p99Ms,
      unit: 'ms',
      target: `≤ 2 × floor p99 at the same rate (${ackTarget} ms)`,
      met:
        whileProcessing.total > 0 &&
        whileProcessing.p99Ms <= ackTarget &&
        whileProcessing.non2xx + whileProcessing.errors === 0,
    },
    failedFigure('webhook acks', [burst, whileProcessing]),
    {
      name: `webhook burst drained: seconds from the end of a ${SECONDS}-second burst until the ${pendingAfterBurst.toLocaleString('en')} notifications it left waiting were processed (acks going on at half its rate for ${SECONDS} s)${burstSeconds === null ? ': not within 2 minutes' : ''}`,
      value: burstSeconds ?? 120,
      unit: 's',
      target: '≤ 60 s',
      met: burstSeconds !== null && burstSeconds <= 60,
    },
    {
      name: `webhook processing: ${processed.toLocaleString('en')} notifications (the burst's backlog and those acked meanwhile) in ${Math.round(seconds)} s${drained.drained ? '' : ', not drained'}`,
      value: perSecond,
      unit: 'notifications/s',
      target: onPostgres ? '≥ 500 notifications/s' : '',
      met: onPostgres ? perSecond >= 500 && drained.drained : null,
    },
  ]
}

/** One real live-canvas response, so the floor answers a body of exactly the same size. */
async function captureCanvasResponse(
  env: Record<string, string>,
  publicUrl: string,
): Promise<string> {
  const server: Child = await startChild(SERVER_ENTRY, env)
  try {
    const raw = JSON.stringify(liveCanvasBody(BENCH_WORKSPACE, 1, publicUrl))
    const res = await fetch(server.url + '/canvas/messenger/live', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-body-signature': signCanvas(raw, SECRET) },
      body: raw,
    })
    return await res.text()
  } finally {
    await server.stop()
  }
}

function load(name: string, f: LoadFigures): Figure {
  return {
    name: `${name}: requests/s (p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms)`,
    value: f.requestsPerSecond,
    unit: 'req/s',
    target: '',
    met: null,
  }
}

function canvasFigures(input: {
  name: string
  saturated: LoadFigures
  saturatedStalls: Stalls
  atShare: LoadFigures
  atShareStalls: Stalls
  floor: LoadFigures
  floorAtShare: LoadFigures
  /** Share of the floor's requests/s to reach (null: none on this database). */
  goal: number | null
  /** The p99 target applies (PostgreSQL). */
  p99Target: boolean
}): Figure[] {
  const { name, saturated, atShare, floor, floorAtShare, goal } = input
  const ratio = floor.requestsPerSecond ? saturated.requestsPerSecond / floor.requestsPerSecond : 0
  const offered = Math.round(floor.requestsPerSecond * P99_SHARE)
  const failed = failedFigure(name, [saturated, atShare])
  const p99Limit = Math.round(1.5 * floorAtShare.p99Ms)
  return [
    load(name, saturated),
    {
      name: `${name}: share of the floor's requests/s`,
      value: Math.round(ratio * 100),
      unit: '%',
      target: goal === null ? '' : `≥ ${Math.round(goal * 100)} %`,
      met: goal === null ? null : saturated.total > 0 && ratio >= goal && failed.value === 0,
    },
    {
      name: `${name}: p99 at 30 % of the floor's rate (${offered.toLocaleString('en')} req/s offered at ${CONNECTIONS} connections; ${atShare.requestsPerSecond.toLocaleString('en')} answered/s); floor p99 at the same rate ${floorAtShare.p99Ms} ms`,
      value: atShare.p99Ms,
      unit: 'ms',
      target: input.p99Target ? `≤ 1.5 × floor p99 at the same rate (${p99Limit} ms)` : '',
      met: input.p99Target
        ? atShare.total > 0 &&
          atShare.p99Ms <= p99Limit &&
          atShare.requestsPerSecond >= offered * 0.95 &&
          failed.value === 0
        : null,
    },
    stallFigure(`${name}: flat out`, input.saturatedStalls),
    stallFigure(`${name}: at 30 % of the floor's rate`, input.atShareStalls),
    failed,
  ]
}

/**
 * What stalled the server during a run: the event loop's delay (how late a timer due every 10 ms
 * ran: p50, p99 and the longest) and garbage collection (pauses, their sum and the longest).
 */
function stallFigure(name: string, stalls: Stalls): Figure {
  const { loopDelay, gc } = stalls
  return {
    name: `${name}: server event-loop delay p99 (p50 ${loopDelay.p50Ms} ms, max ${loopDelay.maxMs} ms; GC ${gc.count} pauses, ${gc.major} major, ${gc.totalMs} ms in all, longest ${gc.maxMs} ms)`,
    value: loopDelay.p99Ms,
    unit: 'ms',
    target: '',
    met: null,
  }
}

/** Non-2xx answers, errors and timeouts over some runs (an error canvas is a 200: see README). */
function failedFigure(name: string, runs: readonly LoadFigures[]): Figure {
  const failed = runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0)
  return {
    name: `${name}: failed responses`,
    value: failed,
    unit: 'responses',
    target: '0',
    met: failed === 0,
  }
}

async function metricsText(serverUrl: string): Promise<string> {
  const headers = { authorization: `Bearer ${BENCH_ADMIN_KEY}` }
  return (await fetch(`${serverUrl}/metrics`, { headers })).text()
}

function metric(text: string, pattern: RegExp): number {
  return Number(pattern.exec(text)?.[1] ?? 0)
}

async function cacheLookups(serverUrl: string): Promise<{ hits: number; misses: number }> {
  const text = await metricsText(serverUrl)
  return {
    hits: metric(text, /^referrer_view_cache_lookups\{outcome="hit"\} (\d+)/m),
    misses: metric(text, /^referrer_view_cache_lookups\{outcome="miss"\} (\d+)/m),
  }
}

function hitRatio(
  before: { hits: number; misses: number },
  after: { hits: number; misses: number },
): string {
  const hits = after.hits - before.hits
  const all = hits + after.misses - before.misses
  return all ? `${Math.round((hits / all) * 100)} %` : 'no'
}

async function cacheState(serverUrl: string): Promise<{ entries: number; megabytes: number }> {
  const text = await metricsText(serverUrl)
  return {
    entries: metric(text, /^referrer_view_cache_entries (\d+)/m),
    megabytes: Math.round(metric(text, /^referrer_view_cache_bytes (\d+)/m) / 2 ** 20),
  }
}

async function pendingNotifications(serverUrl: string): Promise<number> {
  return metric(await metricsText(serverUrl), /^webhook_notifications_pending (\d+)/m)
}

/**
 * Seconds from `since` until nothing received before it waits any more (the server's oldest waiting
 * notification, by /metrics' lag, arrived after it), or null if that took over 2 minutes.
 */
async function burstProcessedAfter(serverUrl: string, since: number): Promise<number | null> {
  while (Date.now() - since < 120_000) {
    const text = await metricsText(serverUrl)
    const now = Date.now()
    const lagSeconds = metric(text, /^webhook_notifications_lag_seconds (\S+)$/m)
    const pending = metric(text, /^webhook_notifications_pending (\d+)/m)
    if (pending === 0 || now - lagSeconds * 1000 > since) return round1((now - since) / 1000)
    // Each scrape is statements on the server's database: often enough, not more.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  return null
}

/**
 * Waits (up to 2 minutes) for the server's stored notifications to be processed (its /metrics
 * backlog, which works on PGlite too, where the bench cannot open the database beside the server).
 */
async function notificationsDrained(
  serverUrl: string,
): Promise<{ left: number; drained: boolean }> {
  const started = Date.now()
  let left = await pendingNotifications(serverUrl)
  while (left > 0 && Date.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    left = await pendingNotifications(serverUrl)
  }
  return { left, drained: left === 0 }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
