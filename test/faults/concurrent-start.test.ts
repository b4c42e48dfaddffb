import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrations } from '../../db/migrations/index.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

let postgres: PrivatePostgres
const running: RunningServer[] = []

beforeAll(async () => {
  postgres = await startPrivatePostgres()
})

afterAll(async () => {
  await Promise.all(running.map((r) => r.close().catch(() => undefined)))
  postgres?.destroy()
})

describe('several instances starting at once on an empty database', () => {
  it('all come up: migrations and queue creation are serialized, each applied once', async () => {
    const url = await postgres.createDatabase(`start_${randomBytes(4).toString('hex')}`)
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
    })
    const started = await Promise.allSettled(
      [0, 1, 2].map(() =>
        startServer(config, { logger: createLogger('silent'), host: '127.0.0.1' }),
      ),
    )
    for (const result of started) if (result.status === 'fulfilled') running.push(result.value)
    expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
      'ok',
    ])
    for (const instance of running) expect((await fetch(`${instance.url}/readyz`)).status).toBe(200)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const applied = await client.query(`select name from kysely_migration order by name`)
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort())
      const queues = await client.query(
        `select name, count(*)::int as n from pgboss.queue group by name`,
      )
      for (const row of queues.rows) expect(row.n).toBe(1)
    } finally {
      await client.end()
    }
  })
})
