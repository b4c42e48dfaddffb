import { purgeExpired } from './retention.js'
import type { WorkerRegistration } from '../../jobs/workers.js'

const RETENTION_QUEUE = 'privacy-retention'

/** Hourly: clicks, contact snapshots, stored webhooks and finished jobs past their periods. */
export const registerRetention: WorkerRegistration = async (ctx) => {
  // singleton: one purge at a time across every instance; a slow one is never stacked on.
  await ctx.jobs.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, policy: 'singleton' })
  await ctx.jobs.work(RETENTION_QUEUE, async () => {
    const outcome = await purgeExpired(ctx.db, ctx.config.retention)
    ctx.logger.info(outcome, 'retention: expired records deleted')
  })
  await ctx.jobs.schedule(RETENTION_QUEUE, '23 * * * *')
}
