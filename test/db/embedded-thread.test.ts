import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { shedding } from '../../db/session-admission.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'

// PGlite runs in a worker thread of its own (db/pglite-thread.ts); PostgreSQL has nothing to test here.
describe.skipIf(testDatabaseKind() === 'postgres')(
  'the embedded database in its own thread',
  () => {
    let handle: DatabaseHandle
    beforeAll(async () => {
      handle = await freshDatabase({ ownThread: true })
    })

    it('leaves this thread free while a statement runs', async () => {
      let ticks = 0
      const timer = setInterval(() => ticks++, 10)
      try {
        await sql`select pg_sleep(0.3)`.execute(handle.db)
      } finally {
        clearInterval(timer)
      }
      // On this thread PGlite would have held the event loop for the whole 300 ms: no tick at all.
      expect(ticks).toBeGreaterThanOrEqual(10)
    })

    it('answers rows with counts as numbers, and refuses with the database’s own error fields', async () => {
      const { rows } = await sql<{ n: number; total: number }>`
      select count(*) as n, sum(g)::numeric as total from generate_series(1, 3) g`.execute(
        handle.db,
      )
      expect(rows).toEqual([{ n: 3, total: 6 }])
      const failure = await sql`select * from no_such_table`
        .execute(handle.db)
        .catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(Error)
      expect(failure).toMatchObject({
        code: '42P01',
        message: expect.stringContaining('no_such_table'),
      })
      // The session goes on after a refused statement.
      expect((await sql<{ one: number }>`select 1 as one`.execute(handle.db)).rows).toEqual([
        { one: 1 },
      ])
    })

    it('delivers NOTIFY to listeners', async () => {
      const payloads: string[] = []
      const stop = await handle.listen('thread_test', {
        onPayload: (payload) => payloads.push(payload),
        onListening: () => {},
        onLost: () => {},
      })
      await sql`select pg_notify('thread_test', 'hello')`.execute(handle.db)
      await expect.poll(() => payloads).toEqual(['hello'])
      await stop()
    })

    it('says when a request waits for the session behind background work', async () => {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let started!: () => void
      const holding = new Promise<void>((resolve) => (started = resolve))
      const transaction = handle.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx)
        started()
        await held
      })
      await holding
      const background = sql`select 1`.execute(handle.db)
      expect(handle.sessionWanted()).toBe(false)
      const request = shedding(5_000, () => sql`select 1`.execute(handle.db))
      expect(handle.sessionWanted()).toBe(true)
      release()
      await Promise.all([transaction, background, request])
      expect(handle.sessionWanted()).toBe(false)
    })
  },
)
