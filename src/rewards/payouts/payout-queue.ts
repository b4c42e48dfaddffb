import { LEASE_SECONDS } from '../../jobs/job-lease.js'
import { inTransaction, type JobQueue } from '../../jobs/queue.js'
import type { Trx } from '../../ledger/db-types.js'

export const PAYOUT_QUEUE = 'reward-payout'

export interface PayoutJob {
  readonly workspaceId: string
  readonly payoutId: string
  /** Stop this payout at the provider (its reward was reversed after it was sent). */
  readonly cancel?: boolean
}

/**
 * Retries with exponential backoff (60 s, 120 s, … about 17 hours over 10 tries): an empty
 * balance topped up tomorrow morning still pays. 'short' + singletonKey keeps one waiting job per
 * payout; the provider's idempotency makes even a doubled job harmless. The expiry is a lease the
 * working instance renews (payout-worker.ts), so a dead instance's job is retried within seconds.
 */
export const PAYOUT_QUEUE_OPTIONS = {
  policy: 'short',
  retryLimit: 10,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: LEASE_SECONDS,
} as const

/** Puts a payout's job on the queue; with a transaction, only if that transaction commits. */
export type EnqueuePayout = (
  job: PayoutJob,
  options?: { trx?: Trx; startAfter?: Date },
) => Promise<void>

export function payoutEnqueuer(jobs: JobQueue): EnqueuePayout {
  return async (job, options = {}) => {
    await jobs.send(PAYOUT_QUEUE, job, {
      singletonKey: `${job.payoutId}${job.cancel ? ':cancel' : ''}`,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.trx ? inTransaction(options.trx) : {}),
    })
  }
}
