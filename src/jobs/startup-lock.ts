import { sql } from 'kysely'
import type PgBoss from 'pg-boss'
import type { DatabaseHandle } from '../../db/connect.js'

// Any fixed 64-bit number distinct from other advisory locks (Kysely's migrator uses its own).
const JOB_SCHEMA_LOCK = 7_340_552_019_201n

/**
 * Runs `work` while holding a cluster-wide advisory lock on one pinned connection; `work` itself
 * runs on other connections of the pool, in transactions that begin after the lock is granted.
 * PGlite is one process and one session: nothing to serialize (and pinning would deadlock it).
 */
export async function withJobSchemaLock<T>(
  handle: DatabaseHandle,
  work: () => Promise<T>,
): Promise<T> {
  if (handle.kind !== 'postgres') return work()
  return handle.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${JOB_SCHEMA_LOCK})`.execute(connection)
    try {
      return await work()
    } finally {
      await sql`select pg_advisory_unlock(${JOB_SCHEMA_LOCK})`.execute(connection)
    }
  })
}

/**
 * Instances starting at once race on pg-boss's DDL, which its own transaction-scoped lock does
 * not cover (found by test/faults/concurrent-start.test.ts): installing its schema fails with a
 * duplicate pg_namespace key, and two createQueue calls for different queues deadlock (each
 * inserts into pgboss.queue, then adds a foreign key to it and attaches a partition). Both are
 * serialized here across instances; an existing queue is not created again.
 */
export function serializeJobSchemaChanges(boss: PgBoss, handle: DatabaseHandle): void {
  if (handle.kind !== 'postgres') return
  const create = boss.createQueue.bind(boss)
  boss.createQueue = async (name: string, options?: PgBoss.Queue) => {
    if (await boss.getQueue(name)) return
    await withJobSchemaLock(handle, () => create(name, options))
  }
}
