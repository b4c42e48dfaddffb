import type { AppContext } from '../context.js'
import { workInBatches } from '../jobs/batch-workers.js'
import type { WorkerRegistration } from '../jobs/workers.js'
import { onRewardApproved } from '../rewards/reward-approval.js'
import { onReferralCreated } from '../ledger/referrals.js'
import { releaseHeldRewards } from './hold-release.js'
import {
  enqueueStripeEvents,
  processStripeEvent,
  processWaitingStripeEvents,
  STRIPE_EVENT_QUEUE,
} from './process-stripe-event.js'
import { offsetOwedAmounts } from './reward-offsets.js'
import { reopenUnmatched } from './stripe-events.js'

const SWEEP_QUEUE = 'stripe-billing-sweep'
/** Longer than a healthy job takes, so the sweep never races the job it stands in for. */
const OVERDUE_SECONDS = 300


/** Runs what the sweep runs: events whose job was lost, then rewards whose hold has passed. */
export async function sweepBilling(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger' | 'jobs'>,
): Promise<void> {
  await processWaitingStripeEvents(ctx, null, OVERDUE_SECONDS)
  await releaseHeldRewards(ctx)
}

/**
 * Stripe billing in the background: stored events are processed by jobs; a friend who appears
 * later reopens the events that waited for them; a sweep every 5 minutes ends holds.
 */
export const registerStripeBilling: WorkerRegistration = async (ctx) => {
  const { jobs } = ctx
  // Owed amounts come off the next approved reward (see reward-offsets.ts).
  const stopOffsets = onRewardApproved(ctx.db, offsetOwedAmounts)
  jobs.once('stopped', stopOffsets)
  await jobs.createQueue(STRIPE_EVENT_QUEUE, {
    name: STRIPE_EVENT_QUEUE,
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: OVERDUE_SECONDS,
  })
  await workInBatches<{ id: string }>(
    jobs,
    STRIPE_EVENT_QUEUE,
    {
      workers: 1,
      batchSize: 10,
      pollingIntervalSeconds: 0.5,
      concurrency: 2,
      label: 'stripe billing',
    },
    ctx.logger,
    (data) => processStripeEvent(ctx, data.id).then(() => {}),
  )
  const stopListening = onReferralCreated(ctx.db, async (trx, result) => {
    if (!result.created) return
    const ids = await reopenUnmatched(trx, result.referral.workspaceId, {
      contactId: result.friend.contactId,
      email: result.friend.emailNormalized ?? result.friend.email,
    })
    await enqueueStripeEvents(jobs, trx, ids)
  })
  jobs.once('stopped', stopListening)
  await jobs.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' })
  await jobs.work(SWEEP_QUEUE, async () => sweepBilling(ctx))
  await jobs.schedule(SWEEP_QUEUE, '*/5 * * * *')
}
