import { z } from 'zod'
import type { WorkerContext, WorkerRegistration } from '../jobs/workers.js'
import { recordEvent } from '../ledger/events.js'
import { clearDeliveryFailure, noteDeliveryFailure } from './delivery-state.js'
import { onRewardApproved } from './reward-approval.js'
import { type FulfilmentChannels, fulfilReward } from './fulfil-reward.js'
import {
  enqueueFulfilment,
  FULFILMENT_QUEUE,
  FULFILMENT_QUEUE_OPTIONS,
} from './fulfilment-queue.js'

const jobSchema = z.object({ workspaceId: z.string().min(1), rewardId: z.string().min(1) })

/**
 * Rewards at start-up: every approval enqueues its fulfilment (in the approving transaction), and
 * this instance works the fulfilment queue. (Issuing follows qualification with or without jobs:
 * the composition root installs it, see installRewardIssuing.)
 */
export const registerRewardFulfilment =
  (channels: FulfilmentChannels): WorkerRegistration =>
  (ctx) =>
    workFulfilments(ctx, channels)

async function workFulfilments(ctx: WorkerContext, channels: FulfilmentChannels): Promise<void> {
  const { jobs } = ctx
  if (!(await jobs.getQueue(FULFILMENT_QUEUE))) {
    await jobs.createQueue(FULFILMENT_QUEUE, {
      name: FULFILMENT_QUEUE,
      ...FULFILMENT_QUEUE_OPTIONS,
    })
  }
  const stopListening = onRewardApproved(ctx.db, (trx, reward) => enqueueFulfilment(jobs, trx, reward))
  jobs.once('stopped', stopListening)
  await jobs.work(
    FULFILMENT_QUEUE,
    { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (!job) return
      const data = jobSchema.parse(job.data)
      try {
        const outcome = await fulfilReward(ctx, data, channels)
        ctx.logger.debug({ rewardId: data.rewardId, outcome }, 'reward fulfilment')
        // Nothing left to send (its webhook was removed since): no failure left to show or retry.
        if (outcome.kind === 'nothing-to-deliver')
          await clearDeliveryFailure(ctx.db, { workspaceId: data.workspaceId, id: data.rewardId })
      } catch (error) {
        // Each failed attempt lands in the ledger's history; the queue retries with backoff.
        const failure = {
          workspaceId: data.workspaceId,
          type: 'reward.fulfilment_failed',
          subject: { type: 'reward', id: data.rewardId },
          actor: { type: 'system' as const, id: 'reward-fulfilment' },
          data: {
            attempt: job.retryCount + 1,
            finalAttempt: job.retryCount >= job.retryLimit,
            error: error instanceof Error ? error.message : String(error),
          },
        }
        await ctx.db.transaction().execute(async (trx) => {
          await recordEvent(trx, failure)
          await noteDeliveryFailure(trx, data, failure.data)
        })
        throw error
      }
    },
  )
}
