import { z } from 'zod'
import { holdLeases, reclaimLapsedJobsContinually } from '../../jobs/job-lease.js'
import type { WorkerRegistration } from '../../jobs/workers.js'
import { onLedgerEvent } from '../../ledger/events.js'
import { onRewardApproved } from '../reward-approval.js'
import { onRewardVoided } from './payout-decisions.js'
import {
  PAYOUT_QUEUE,
  PAYOUT_QUEUE_OPTIONS,
  payoutEnqueuer,
  type PayoutJob,
} from './payout-queue.js'
import { registerPayoutBalances } from './balance-worker.js'
import { requestPayoutIn } from './payout-requests.js'
import { cancelSentPayout, sendPayout } from './send-payout.js'

const jobSchema = z.object({
  workspaceId: z.string().min(1),
  payoutId: z.uuid(),
  cancel: z.boolean().optional(),
})

/**
 * Payouts at start-up: an approved payout reward asks for its payout in the approving
 * transaction, a reversed one cancels it, and this instance works the payout queue.
 */
export const registerRewardPayouts: WorkerRegistration = async (ctx) => {
  const { jobs } = ctx
  // Updated when it exists, so a database created with an older expiry gets the lease.
  if (await jobs.getQueue(PAYOUT_QUEUE))
    await jobs.updateQueue(PAYOUT_QUEUE, { name: PAYOUT_QUEUE, ...PAYOUT_QUEUE_OPTIONS })
  else await jobs.createQueue(PAYOUT_QUEUE, { name: PAYOUT_QUEUE, ...PAYOUT_QUEUE_OPTIONS })
  const enqueue = payoutEnqueuer(jobs)
  const stopApproved = onRewardApproved(ctx.db, async (trx, reward) => {
    await requestPayoutIn(trx, enqueue, reward)
  })
  const stopVoided = onLedgerEvent(ctx.db, (trx, event) => onRewardVoided(trx, enqueue, event))
  // A payout job's expiry is its lease, renewed while this instance works it: the job of an
  // instance that died (SIGKILL mid-order) is retried by another within seconds of the lapse,
  // and the order's reward id makes that retry get the first order back.
  const stopReclaiming = reclaimLapsedJobsContinually(jobs, [PAYOUT_QUEUE], ctx.logger)
  jobs.once('stopped', () => {
    stopApproved()
    stopVoided()
    stopReclaiming()
  })
  await jobs.work(
    PAYOUT_QUEUE,
    { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (!job) return
      const release = holdLeases(jobs, PAYOUT_QUEUE, new Set([job.id]), ctx.logger)
      try {
        const data: PayoutJob = jobSchema.parse(job.data)
        if (data.cancel) {
          await cancelSentPayout(ctx, data)
          return
        }
        const outcome = await sendPayout(ctx, data, { final: job.retryCount >= job.retryLimit })
        if (outcome.kind === 'not-yet') await enqueue(data, { startAfter: outcome.until })
        ctx.logger.debug({ payoutId: data.payoutId, outcome }, 'reward payout')
      } finally {
        release()
      }
    },
  )
  await registerPayoutBalances(ctx)
}
