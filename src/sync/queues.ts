import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { inTransaction, type JobQueue } from '../jobs/queue.js'

export const SYNC_PAGE_QUEUE = 'sync-import-page'
export const SYNC_TICK_QUEUE = 'sync-tick'
export const CONTACT_CREATE_QUEUE = 'intercom-contact-create'

export interface SyncPageJob {
  readonly runId: string
}

/**
 * A 'short' queue keeps at most one queued job per run id but does not block on an active one: a
 * job left active by a killed process would otherwise hold the run until its expiry. Two workers
 * on one page are harmless, since only one can advance the cursor.
 */
export const PAGE_JOB_OPTIONS = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  // A page is one search and one transaction; longer than this means the worker died.
  expireInSeconds: 300,
} as const

/** Queues the run's next page; inside a transaction it exists only if that transaction commits. */
export async function enqueueSyncPage(
  jobs: JobQueue,
  runId: string,
  options: { trx?: Transaction<Database> | Kysely<Database>; startAfter?: Date } = {},
): Promise<void> {
  await jobs.send(SYNC_PAGE_QUEUE, { runId } satisfies SyncPageJob, {
    ...PAGE_JOB_OPTIONS,
    singletonKey: runId,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.trx ? inTransaction(options.trx) : {}),
  })
}
