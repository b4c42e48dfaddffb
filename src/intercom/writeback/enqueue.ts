import type { Kysely, Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.js'
import { LEASE_SECONDS } from '../../jobs/job-lease.js'
import { inTransaction, type JobQueue } from '../../jobs/queue.js'
import { onContactChange } from '../../ledger/contact-changes.js'
import { isConnected } from '../connections.js'
import { transactionMemo } from '../../ledger/transaction-memo.js'

export const WRITEBACK_QUEUE = 'contact-writeback'
/** The install backfill's writes: a queue of their own, so a live change never waits behind them. */
export const BACKFILL_WRITEBACK_QUEUE = 'contact-writeback-backfill'
export const WRITEBACK_QUEUES = [WRITEBACK_QUEUE, BACKFILL_WRITEBACK_QUEUE] as const

function queueOf(job: { priority?: 'live' | 'background' | undefined }): string {
  return job.priority === 'background' ? BACKFILL_WRITEBACK_QUEUE : WRITEBACK_QUEUE
}

export const writeJobSchema = z.object({
  workspaceId: z.string().min(1),
  participantId: z.uuid(),
  /** background: an install backfill's write, which waits for live calls in the shared budget. */
  priority: z.enum(['live', 'background']).optional(),
})
export type WriteJob = z.infer<typeof writeJobSchema>

/**
 * 'stately' with one key per contact: at most one queued and one running write per contact, so a
 * burst of changes becomes one PUT of the latest values. 5xx and timeouts retry with backoff; the
 * sweeper picks up whatever is still pending after the retries run out. The expiry is a lease the
 * running instance renews (jobs/job-lease.ts), so a dead instance's writes retry within seconds.
 * Updated as well as created: an existing queue keeps the options it was created with.
 */
export async function createWritebackQueue(boss: JobQueue): Promise<void> {
  for (const name of WRITEBACK_QUEUES) {
    const options = {
      name,
      policy: 'stately' as const,
      retryLimit: 8,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: LEASE_SECONDS,
      retentionMinutes: 60,
    }
    await boss.createQueue(name, options)
    await boss.updateQueue(name, options)
  }
}

export function writeJobKey(job: WriteJob): string {
  return `${job.workspaceId}:${job.participantId}`
}

/** Enqueues a contact write; with `db` a transaction, the job commits (or not) with it. */
export async function enqueueContactWrite(
  boss: JobQueue,
  job: WriteJob,
  options: { db?: Transaction<Database> | Kysely<Database>; startAfter?: Date } = {},
): Promise<void> {
  await boss.send(queueOf(job), job, {
    singletonKey: writeJobKey(job),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.db ? inTransaction(options.db) : {}),
  })
}

/**
 * Queues many contacts' writes in one statement (the sweep's pages): one INSERT instead of one
 * round trip each, so a backlog found at start-up is queued in a moment, not at the pace of the
 * round trips (which, for thousands, held the server's start and capped the write rate).
 */
export async function enqueueContactWrites(
  boss: JobQueue,
  jobs: readonly WriteJob[],
): Promise<void> {
  if (jobs.length === 0) return
  await boss.insert(
    jobs.map((job) => ({
      name: queueOf(job),
      data: job,
      singletonKey: writeJobKey(job),
    })),
  )
}

/**
 * Subscribes the write-back to the ledger: inside the transaction that changed a contact's
 * referral attributes, a job is enqueued for each contact of a connected workspace. Contacts of a
 * workspace without a token stay pending until it connects (the sweeper then enqueues them).
 */
export function listenForContactChanges(db: Kysely<Database>, boss: JobQueue): () => void {
  const connected = transactionMemo<boolean>()
  return onContactChange(db, async (trx, workspaceId, participantIds, options) => {
    if (!(await connected(trx, workspaceId, () => isConnected(trx, workspaceId)))) return
    // One multi-row insert, whatever the batch size; the queue's policy still coalesces per contact.
    await boss.insert(
      participantIds.map((participantId) => ({
        name: queueOf(options),
        data: {
          workspaceId,
          participantId,
          ...(options.priority === 'background' ? { priority: 'background' } : {}),
        },
        singletonKey: writeJobKey({ workspaceId, participantId }),
      })),
      inTransaction(trx),
    )
  })
}
