import PgBoss from 'pg-boss'
import type { Kysely, Transaction } from 'kysely'
import { type DatabaseHandle, executeSql } from '../../db/connect.js'
import type { Database } from '../../db/schema.js'
import type { Logger } from '../logger.js'
import { serializeJobSchemaChanges, withJobSchemaLock } from './startup-lock.js'

export type JobQueue = PgBoss

/**
 * pg-boss on the app's own database handle: on PGlite its statements share the one serialized
 * session with Kysely; on PostgreSQL they share the pool. N app instances share the queue.
 */
export async function startJobQueue(
  handle: DatabaseHandle,
  logger: Logger,
  options: { supervise?: boolean; keepFinishedDays?: number } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values) },
    schema: 'pgboss',
    supervise: options.supervise ?? true,
    schedule: options.supervise ?? true,
    migrate: true,
    // Finished jobs go to pg-boss's archive after 12 hours and are deleted from it after this.
    deleteAfterDays: options.keepFinishedDays ?? 7,
  })
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'))
  serializeJobSchemaChanges(boss, handle)
  await withJobSchemaLock(handle, () => boss.start())
  return boss
}

/** The per-call db option that makes pg-boss insert a job inside the caller's transaction. */
export function inTransaction(trx: Transaction<Database> | Kysely<Database>): {
  db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }
} {
  return { db: { executeSql: (text: string, values?: unknown[]) => executeSql(trx, text, values) } }
}
