import { type Trx } from '../ledger/db-types.js'
import { processNotification } from './process-notification.js'
import { inTransaction, type JobQueue } from './queue.js'
import type { WorkerRegistration } from './workers.js'

export const NOTIFICATION_QUEUE = 'intercom-webhook-notification'

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
  })
  await ctx.jobs.work<{ id: string }>(
    NOTIFICATION_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) await processNotification(ctx, job.data.id)
    },
  )
}
