import { inTransaction, type JobQueue } from '../jobs/queue.js'
import type { Trx } from '../ledger/db-types.js'
import type { Reward } from '../ledger/rewards.js'

export const FULFILMENT_QUEUE = 'reward-fulfilment'

export interface FulfilmentJob {
  readonly workspaceId: string
  readonly rewardId: string
}

/**
 * Retries with exponential backoff (30 s, 60 s, 120 s, … about 8.5 hours over 10 tries), so a
 * receiver that is down for a while still gets its webhook. 'short' + singletonKey = reward id keeps
 * at most one waiting job per reward.
 */
export const FULFILMENT_QUEUE_OPTIONS = {
  policy: 'short',
  retryLimit: 10,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 120,
} as const

/** Enqueues fulfilment inside the transaction that approved the reward: both commit, or neither. */
export async function enqueueFulfilment(jobs: JobQueue, trx: Trx, reward: Reward): Promise<void> {
  const job: FulfilmentJob = { workspaceId: reward.workspaceId, rewardId: reward.id }
  await jobs.send(FULFILMENT_QUEUE, job, { singletonKey: reward.id, ...inTransaction(trx) })
}
