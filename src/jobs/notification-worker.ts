import { type AppContext } from '../context.js'
import { type Trx } from '../ledger/db-types.js'
import { overdueNotificationIds } from '../ledger/webhook-notifications.js'
import { processNotification } from './process-notification.js'
import { workInBatches } from './batch-workers.js'
import { inTransaction, type JobQueue } from './queue.js'
import type { WorkerRegistration } from './workers.js'

export const NOTIFICATION_QUEUE = 'intercom-webhook-notification'
const SWEEP_QUEUE = 'intercom-webhook-sweep'
/** Longer than a healthy job takes, so the sweep never races the job it stands in for. */
const OVERDUE_SECONDS = 300
// pg-boss fetches at most once per polling interval per worker, so one worker with a batch of 20
// capped processing at 40 notifications/s (measured); four workers raise the ceiling to 160/s.
const WORKERS = 4
const BATCH = 20
const CONCURRENCY = 4

/** Processes notifications whose job never ran to the end; returns how many it tried. */
export async function sweepNotifications(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  olderThanSeconds = OVERDUE_SECONDS,
): Promise<number> {
  const ids = await overdueNotificationIds(ctx.db, olderThanSeconds)
  for (const id of ids) {
    try {
      await processNotification(ctx, id)
    } catch (error) {
      ctx.logger.warn({ err: error, notification: id }, 'webhook sweep: will try again')
    }
  }
  return ids.length
}

/** Enqueues processing inside the transaction that stored the notification: both or neither. */
export async function enqueueNotification(jobs: JobQueue, trx: Trx, id: string): Promise<void> {
  await jobs.send(NOTIFICATION_QUEUE, { id }, inTransaction(trx))
}

/** Processes stored webhook notifications; a failed attempt is retried with backoff. */
export const registerNotificationWorker: WorkerRegistration = async (ctx) => {
  await ctx.jobs.createQueue(NOTIFICATION_QUEUE, {
    name: NOTIFICATION_QUEUE,
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    // A job held by an instance that died comes back after this, not pg-boss's 15-minute default.
    expireInSeconds: OVERDUE_SECONDS,
  })
  // A few notifications of a batch run at once (each contact is serialized by its snapshot row lock).
  await workInBatches<{ id: string }>(
    ctx.jobs,
    NOTIFICATION_QUEUE,
    {
      workers: WORKERS,
      batchSize: BATCH,
      pollingIntervalSeconds: 0.5,
      concurrency: CONCURRENCY,
      label: 'webhook processing',
    },
    ctx.logger,
    (data) => processNotification(ctx, data.id),
  )
  await ctx.jobs.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' })
  await ctx.jobs.work(SWEEP_QUEUE, async () => {
    // Finished notifications are deleted by the retention job (RETENTION_WEBHOOK_NOTIFICATIONS_DAYS).
    await sweepNotifications(ctx)
  })
  await ctx.jobs.schedule(SWEEP_QUEUE, '*/5 * * * *')
}
