import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
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
} from './load.js'
import { freePort, startChild, type Child } from './processes.js'
import { BENCH_WORKSPACE, seedBenchData } from './seed.js'
import { webhookBody } from './load.js'
import { printTable, writeReadmeTable, writeResults, type Figure } from './report.js'
import { extraScenarios } from './scenarios.js'

const SECRET = 'bench-client-secret-0123456789abcdef'
const ENCRYPTION_KEY = Buffer.alloc(32, 3).toString('base64')
const CONNECTIONS = 64
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)

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

  const sampleResponse = await captureCanvasResponse(serverEnv, publicUrl)
  const bodyFile = join(tmpdir(), `referrals-floor-${process.pid}.json`)
  writeFileSync(bodyFile, sampleResponse)
  const floor = await startChild('bench/floor-server.ts', { FLOOR_BODY_FILE: bodyFile })
  const floorFigures = await drive({
    url: floor.url,
    path: '/floor',
    connections: CONNECTIONS,
    seconds: SECONDS,
    body: () => liveCanvasBody(BENCH_WORKSPACE, randomInt(seed.referrers), publicUrl),
    sign: (raw) => ({ 'x-body-signature': signCanvas(raw, SECRET) }),
  })
  await floor.stop()
  figures.push(load('floor: bare Express canvas route (same body size)', floorFigures))

  const server = await startChild('src/main.ts', serverEnv)
  try {
    const live = await drive({
      url: server.url,
      path: '/canvas/messenger/live',
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: () => liveCanvasBody(BENCH_WORKSPACE, randomInt(seed.referrers), publicUrl),
      sign: (raw) => ({ 'x-body-signature': signCanvas(raw, SECRET) }),
    })
    figures.push(...canvasFigures('live canvas (Messenger card)', live, floorFigures))
    const inbox = await drive({
      url: server.url,
      path: '/canvas/inbox/initialize',
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: () => inboxInitializeBody(BENCH_WORKSPACE, randomInt(seed.referrers)),
      sign: (raw) => ({ 'x-body-signature': signCanvas(raw, SECRET) }),
    })
    figures.push(...canvasFigures('Inbox initialize', inbox, floorFigures))
    const webhooks = await drive({
      url: server.url,
      path: '/intercom/webhooks',
      connections: CONNECTIONS,
      seconds: SECONDS,
      body: () => webhookBody(BENCH_WORKSPACE, randomInt(seed.friends)),
      sign: (raw) => ({ 'x-hub-signature': signWebhook(raw, SECRET) }),
    })
    figures.push(
      {
        name: 'webhook ack p99',
        value: webhooks.p99Ms,
        unit: 'ms',
        target: '≤ 20 ms',
        met:
          webhooks.total > 0 &&
          webhooks.p99Ms <= 20 &&
          webhooks.non2xx === 0 &&
          webhooks.errors === 0,
      },
      {
        name: 'webhook acks sustained',
        value: webhooks.requestsPerSecond,
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
  }

  figures.push(...(await extraScenarios({ serverEnv, target, rows, secret: SECRET, log })))

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
  writeResults('bench/results.json', pgUrl ? 'postgres' : 'pglite', { ...meta, figures })
  writeReadmeTable('README.md', meta, figures)
  rmSync(bodyFile, { force: true })
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

/** One real live-canvas response, so the floor answers a body of exactly the same size. */
async function captureCanvasResponse(
  env: Record<string, string>,
  publicUrl: string,
): Promise<string> {
  const server: Child = await startChild('src/main.ts', env)
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

function canvasFigures(name: string, f: LoadFigures, floor: LoadFigures): Figure[] {
  const ratio = floor.requestsPerSecond ? f.requestsPerSecond / floor.requestsPerSecond : 0
  return [
    load(name, f),
    {
      name: `${name}: share of the floor's requests/s`,
      value: Math.round(ratio * 100),
      unit: '%',
      target: '≥ 50 %',
      met: f.total > 0 && ratio >= 0.5 && f.non2xx === 0 && f.errors === 0,
    },
    {
      name: `${name}: p99 latency at ${CONNECTIONS} connections`,
      value: f.p99Ms,
      unit: 'ms',
      target: '≤ 25 ms',
      met: f.total > 0 && f.p99Ms <= 25,
    },
    ...(f.non2xx || f.errors
      ? [
          {
            name: `${name}: failed responses`,
            value: f.non2xx + f.errors,
            unit: 'responses',
            target: '0',
            met: false,
          },
        ]
      : []),
  ]
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

void readFileSync
main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
