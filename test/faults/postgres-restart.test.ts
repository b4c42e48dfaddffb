import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { signedCanvas } from '../support/intercom.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

let postgres: PrivatePostgres
let app: RunningServer

beforeAll(async () => {
  postgres = await startPrivatePostgres()
  const url = await postgres.createDatabase(`faults_${randomBytes(4).toString('hex')}`)
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: url,
    INTERCOM_CLIENT_ID: 'faults',
    INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    LOG_LEVEL: 'silent',
  })
  app = await startServer(config, { logger: createLogger('silent'), host: '127.0.0.1' })
})

afterAll(async () => {
  await app?.close().catch(() => undefined)
  postgres?.destroy()
})

interface Outcome {
  readonly path: string
  readonly status: number | 'hang' | 'connection error'
  readonly body: string
}

// A bound that only detects a hang (a request nobody ever answers); it measures no speed.
const HANG = 30_000

async function call(path: string): Promise<Outcome> {
  const signal = AbortSignal.timeout(HANG)
  try {
    const res = path.startsWith('/canvas/')
      ? await fetch(`${app.url}${path}`, {
          method: 'POST',
          signal,
          ...(() => {
            const s = signedCanvas({ workspace_id: 'ws_faults', context: { locale: 'en' } })
            return { headers: s.headers, body: s.raw }
          })(),
        })
      : await fetch(`${app.url}${path}`, { signal })
    return { path, status: res.status, body: await res.text() }
  } catch (error) {
    const hang = error instanceof Error && error.name === 'TimeoutError'
    return { path, status: hang ? 'hang' : 'connection error', body: String(error) }
  }
}

const PATHS = ['/healthz', '/readyz', '/canvas/messenger/initialize', '/canvas/inbox/initialize']

/** Four clients calling in a loop until told to stop. */
function load(): { stop: () => Promise<Outcome[]> } {
  let running = true
  const outcomes: Outcome[] = []
  const workers = [0, 1, 2, 3].map(async (i) => {
    for (let n = i; running; n++) outcomes.push(await call(PATHS[n % PATHS.length]!))
  })
  return {
    stop: async () => {
      running = false
      await Promise.all(workers)
      return outcomes
    },
  }
}

async function until(check: () => Promise<boolean>, attempts = 300): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('condition not reached')
    },
    { timeout: attempts * 100, interval: 100 },
  )
}

describe('PostgreSQL restarted under load', () => {
  it('answers readably while it is down and recovers without an app restart', async () => {
    const traffic = load()
    await until(async () => (await call('/readyz')).status === 200)
    postgres.stop('fast')
    const down: Outcome[] = []
    for (const path of PATHS) down.push(await call(path))
    postgres.start()
    await until(async () => (await call('/readyz')).status === 200)
    const during = await traffic.stop()

    // While down: every answer is a readable refusal, never a hang, a dropped socket or a 500.
    for (const outcome of [...down, ...during]) {
      expect(outcome.status, `${outcome.path}: ${outcome.body}`).not.toBe('hang')
      expect(outcome.status, `${outcome.path}: ${outcome.body}`).not.toBe('connection error')
      expect(outcome.status, `${outcome.path}: ${outcome.body}`).not.toBe(500)
    }
    expect(down.find((o) => o.path === '/healthz')?.status).toBe(503)
    expect(down.find((o) => o.path === '/readyz')?.status).toBe(503)
    for (const o of down.filter((o) => o.path.startsWith('/canvas/') && o.status !== 404)) {
      // Canvas Kit callers get an error canvas (200) or a 503; both are readable.
      expect([200, 401, 503]).toContain(o.status)
      if (o.status === 200) expect(JSON.parse(o.body)).toHaveProperty('canvas')
    }

    // Recovered: the same process serves database-backed requests again.
    const after = await call('/healthz')
    expect(after.status).toBe(200)
    expect(JSON.parse(after.body)).toMatchObject({ status: 'ok', database: 'postgres' })
    expect(app.server.listening).toBe(true)
  })
})
