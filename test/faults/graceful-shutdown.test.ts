import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { startServer } from '../../src/server.js'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { signedCanvas } from '../support/intercom.js'
import { startAppProcess } from './support/app-process.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

let postgres: PrivatePostgres

beforeAll(async () => {
  postgres = await startPrivatePostgres()
})

afterAll(() => postgres?.destroy())

const newDatabase = () => postgres.createDatabase(`drain_${randomBytes(4).toString('hex')}`)

/** Resolves when `check` holds; polls, never measures. */
async function until(check: () => boolean | Promise<boolean>, attempts = 600): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('condition not reached')
    },
    { timeout: attempts * 50, interval: 50 },
  )
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes a request that is in flight, refuses new connections, then exits 0', async () => {
    const app = await startAppProcess({
      DATABASE_URL: await newDatabase(),
      INTERCOM_CLIENT_ID: 'drain',
      INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    })
    const signed = signedCanvas({ workspace_id: 'ws_drain', context: { locale: 'en' } })
    const body = Buffer.from(signed.raw)
    // A request whose body arrives in two halves: the server has it in hand when SIGTERM lands.
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        `${app.url}/canvas/messenger/initialize`,
        { method: 'POST', headers: { ...signed.headers, 'content-length': String(body.length) } },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += String(c)))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        },
      )
      req.on('error', reject)
      req.write(body.subarray(0, 10))
      setTimeout(() => {
        app.kill('SIGTERM')
        // Only once the process has logged that it is draining do we send the rest.
        until(() => app.output.some((line) => line.includes('SIGTERM: draining'))).then(
          () => req.end(body.subarray(10)),
          reject,
        )
      }, 300)
    })
    const response = await answered
    expect(response.status).toBeGreaterThanOrEqual(200)
    expect(response.status).toBeLessThan(500)
    expect(response.text.length).toBeGreaterThan(0)
    expect(await app.exited).toBe(0)
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow()
  })

  it('lets a running job finish (completed, not retried) before closing the database', async () => {
    const url = await newDatabase()
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
    })
    const running = await startServer(config, { logger: createLogger('silent'), host: '127.0.0.1' })
    const jobs = running.ctx.jobs!
    await jobs.createQueue('faults-drain')
    let started = false
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let finished = false
    await jobs.work('faults-drain', { pollingIntervalSeconds: 0.5 }, async () => {
      started = true
      await gate
      finished = true
    })
    const id = await jobs.send('faults-drain', { n: 1 })
    await until(() => started)
    let closed = false
    const closing = running.close().then(() => (closed = true))
    // The job is still running, so close() must be waiting for it.
    await new Promise((r) => setTimeout(r, 500))
    expect(closed).toBe(false)
    release()
    await closing
    expect(finished).toBe(true)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query(
        `select state, retry_count from pgboss.job where name = 'faults-drain' and id = $1`,
        [id],
      )
      expect(rows).toEqual([{ state: 'completed', retry_count: 0 }])
    } finally {
      await client.end()
    }
  })
})
