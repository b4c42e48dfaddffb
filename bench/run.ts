import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
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
import { buildServer, freePort, SERVER_ENTRY, startChild, type Child } from './processes.js'
import { BENCH_WORKSPACE, seedBenchData } from './seed.js'
import { printTable, writeReadmeTable, writeResults, type Figure } from './report.js'
import { extraScenarios } from './scenarios.js'

const SECRET = 'bench-client-secret-0123456789abcdef'
const ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64')
const CONNECTIONS = 64
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARM_UP_SECONDS = 3
/** BENCH_ONLY=canvas (or a scenario name) runs a part for a quick try; nothing is written then. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim()) ?? null
const runs = (part: string) => !ONLY || ONLY.includes(part)

async function main(): Promise<void> {
  const started = Date.now()
  const pgUrl = process.env.BENCH_DATABASE_URL
  const rows = Number(process.env.BENCH_ROWS ?? (pgUrl ? 1_000_000 : 100_000))
  const dataDir = pgUrl ? null : mkdtempSync(join(tmpdir(), 'referrals-bench-'))
  const target: DatabaseTarget = pgUrl
    ? { kind: 'postgres', url: pgUrl }
    : { kind: 'pglite', dataDir: dataDir! }
  const databaseLabel = pgUrl
    ? `PostgreSQL, ${rows.toLocaleString('en')} referrals`
    : `PGlite, ${rows.toLocaleString('en')} referrals`
  log(`benchmark on ${databaseLabel}`)
  buildServer()

  const seedHandle = await connectDatabase(target)
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
    LOG_LEVEL: 'warn',
    ...(pgUrl ? { DATABASE_URL: pgUrl } : { DATA_DIR: dataDir! }),
  }

  if (runs('canvas'))
    figures.push(
      ...(await canvasScenarios({
        serverEnv,
        publicUrl,
        referrers: seed.referrers,
        friends: seed.friends,
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
  }
  printTable(meta, figures)
  if (!ONLY) {
    writeResults('bench/results.json', pgUrl ? 'postgres' : 'pglite', { ...meta, figures })
    writeReadmeTable('README.md', meta, figures)
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

/** Live canvas, Inbox initialize and webhook acks against the floor, on one server process. */
async function canvasScenarios(input: {
  serverEnv: Record<string, string>
  publicUrl: string
  referrers: number
  friends: number
}): Promise<Figure[]> {
  const { serverEnv, publicUrl, referrers, friends } = input
  const figures: Figure[] = []
  const sampleResponse = await captureCanvasResponse(serverEnv, publicUrl)
  const bodyFile = join(tmpdir(), `referrals-floor-${process.pid}.json`)
  writeFileSync(bodyFile, sampleResponse)
  const floor = await startChild('bench/floor-server.ts', { FLOOR_BODY_FILE: bodyFile })
  const floorLoad = {
    url: floor.url,
    path: '/floor',
    connections: CONNECTIONS,
    seconds: SECONDS,
    body: () => liveCanvasBody(BENCH_WORKSPACE, randomInt(referrers), publicUrl),
    sign: (raw: string) => ({ 'x-body-signature': signCanvas(raw, SECRET) }),
  }
  await drive({ ...floorLoad, seconds: WARM_UP_SECONDS })
  const floorFigures = await drive(floorLoad)

  const floorAtHalf = await drive({ ...floorLoad, rate: floorFigures.requestsPerSecond / 2 })
  await floor.stop()
  figures.push(load('floor: bare Express canvas route (same body size)', floorFigures))
  figures.push({
    name: `floor: p99 latency at ${CONNECTIONS} connections offered half its rate (${floorAtHalf.requestsPerSecond.toLocaleString('en')} req/s)`,
    value: floorAtHalf.p99Ms,
    unit: 'ms',
    target: '',
    met: null,
  })

  const server = await startChild(SERVER_ENTRY, serverEnv)
  try {
    const canvases = [
      {
        name: 'live canvas (Messenger card)',
        path: '/canvas/messenger/live',
        body: () => liveCanvasBody(BENCH_WORKSPACE, randomInt(referrers), publicUrl),
      },
      {
        name: 'Inbox initialize',
        path: '/canvas/inbox/initialize',
        body: () => inboxInitializeBody(BENCH_WORKSPACE, randomInt(referrers)),
      },
    ]
    for (const canvas of canvases) {
      const run = {
        url: server.url,
        path: canvas.path,
        connections: CONNECTIONS,
        seconds: SECONDS,
        body: canvas.body,
        sign: (raw: string) => ({ 'x-body-signature': signCanvas(raw, SECRET) }),
      }
      // A server in production is warm: a few seconds of the same requests first, not counted.
      await drive({ ...run, seconds: WARM_UP_SECONDS })
      const saturated = await drive(run)
      const atTarget = await drive({ ...run, rate: floorFigures.requestsPerSecond / 2 })
      figures.push(...canvasFigures(canvas.name, saturated, atTarget, floorFigures))
    }
    const webhookRun = {
      url: server.url,
      path: '/intercom/webhooks',
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: () => webhookBody(BENCH_WORKSPACE, randomInt(friends)),
      sign: (raw: string) => ({ 'x-hub-signature': signWebhook(raw, SECRET) }),
    }
    await drive({ ...webhookRun, seconds: WARM_UP_SECONDS })
    await notificationsDrained(server.url)
    const webhooks = await drive(webhookRun)
    const backlog = await notificationsDrained(server.url)
    const webhooksAtHalf = await drive({ ...webhookRun, rate: webhooks.requestsPerSecond / 2 })
    await notificationsDrained(server.url)
    figures.push(
      {
        name: `webhook acks sustained at ${CONNECTIONS} connections (p50 ${webhooks.p50Ms} ms, p99 ${webhooks.p99Ms} ms)`,
        value: webhooks.requestsPerSecond,
        unit: 'notifications/s',
        target: '',
        met: null,
      },
      {
        name: `webhook ack p99 at ${CONNECTIONS} connections offered half that rate (${webhooksAtHalf.requestsPerSecond.toLocaleString('en')}/s achieved)`,
        value: webhooksAtHalf.p99Ms,
        unit: 'ms',
        target: '≤ 20 ms',
        met:
          webhooksAtHalf.total > 0 &&
          webhooksAtHalf.p99Ms <= 20 &&
          webhooksAtHalf.non2xx === 0 &&
          webhooksAtHalf.errors === 0,
      },
      {
        name: `webhook processing after the burst (${backlog.pendingAtStart.toLocaleString('en')} waiting, ${backlog.seconds} s${backlog.drained ? '' : ', not drained'})`,
        value: backlog.perSecond,
        unit: 'notifications/s',
        target: '',
        met: null,
      },
    )
    figures.push({
      name: 'server peak RSS under load',
      value: server.peakRssMb(),
      unit: 'MB',
      target: '≤ 250 MB',
      met: server.peakRssMb() <= 250,
    })
  } finally {
    await server.stop()
    rmSync(bodyFile, { force: true })
  }
  return figures
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

function canvasFigures(
  name: string,
  saturated: LoadFigures,
  atTarget: LoadFigures,
  floor: LoadFigures,
): Figure[] {
  const ratio = floor.requestsPerSecond ? saturated.requestsPerSecond / floor.requestsPerSecond : 0
  const offered = Math.round(floor.requestsPerSecond / 2)
  const failed = saturated.non2xx + saturated.errors + atTarget.non2xx + atTarget.errors
  return [
    load(name, saturated),
    {
      name: `${name}: share of the floor's requests/s`,
      value: Math.round(ratio * 100),
      unit: '%',
      target: '≥ 50 %',
      met: saturated.total > 0 && ratio >= 0.5 && failed === 0,
    },
    {
      name: `${name}: p99 latency at ${CONNECTIONS} connections offered half the floor's rate (${offered.toLocaleString('en')} req/s; ${atTarget.requestsPerSecond.toLocaleString('en')} answered/s)`,
      value: atTarget.p99Ms,
      unit: 'ms',
      target: '≤ 25 ms',
      met:
        atTarget.total > 0 &&
        atTarget.p99Ms <= 25 &&
        atTarget.requestsPerSecond >= offered * 0.95 &&
        failed === 0,
    },
    ...(failed
      ? [
          {
            name: `${name}: failed responses`,
            value: failed,
            unit: 'responses',
            target: '0',
            met: false,
          },
        ]
      : []),
  ]
}

/**
 * Waits (up to 2 minutes) for the server's notification jobs to be taken (its /metrics queue
 * depth, which works on PGlite too, where the bench cannot open the database beside the server).
 */
async function notificationsDrained(
  serverUrl: string,
): Promise<{ pendingAtStart: number; seconds: number; perSecond: number; drained: boolean }> {
  const pending = async () => {
    const text = await (await fetch(`${serverUrl}/metrics`)).text()
    const line = /^job_queue_depth\{queue="intercom-webhook-notification"\} (\d+)/m.exec(text)
    return Number(line?.[1] ?? 0)
  }
  const started = Date.now()
  const pendingAtStart = await pending()
  let left = pendingAtStart
  while (left > 0 && Date.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    left = await pending()
  }
  const seconds = Math.max(0.5, (Date.now() - started) / 1000)
  return {
    pendingAtStart,
    seconds: Math.round(seconds),
    perSecond: Math.round((pendingAtStart - left) / seconds),
    drained: left === 0,
  }
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
