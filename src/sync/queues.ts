import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import { inTransaction, type JobQueue } from '../jobs/queue.js'

export const SYNC_PAGE_QUEUE = 'sync-import-page'
export const SYNC_TICK_QUEUE = 'sync-tick'
export const CONTACT_CREATE_QUEUE = 'intercom-contact-create'

/** The page job's lease, renewed every third of it: lapse (15 s) + reclaim (≤ 5 s) + retry delay (5–10 s) ≤ 30 s. */
export const PAGE_LEASE_SECONDS = 15

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
  // The job's lease (src/jobs/job-lease.ts): renewed while its instance imports, so a killed
  // instance's import lapses after this and is retried on any instance within 30 s.
  expireInSeconds: PAGE_LEASE_SECONDS,
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
