import { type AppContext } from '../context.js'
import { registerPrivateApp } from '../intercom/private-app.js'
import { registerContactWriteback } from '../intercom/writeback/register.js'
import { registerNotificationWorker } from './notification-worker.js'
import { registerRetention } from './retention-worker.js'
import { registerRewardFulfilment } from '../rewards/fulfilment-worker.js'
import { registerContactSync } from '../sync/register.js'
import { registerStripeBilling } from '../billing/register.js'

export type WorkerRegistration = (
  ctx: AppContext & { jobs: NonNullable<AppContext['jobs']> },
) => Promise<void>

/**
 * Background work started with the server: each entry creates its queues and registers its
 * workers and schedules. Later capabilities add their registration here.
 */
const registrations: WorkerRegistration[] = [
  registerPrivateApp,
  registerContactWriteback,
  registerNotificationWorker,
  registerRewardFulfilment,
  registerContactSync,
  registerStripeBilling,
  registerRetention,
]

export async function startWorkers(ctx: AppContext): Promise<void> {
  const { jobs } = ctx
  if (!jobs) return
  for (const register of registrations) await register({ ...ctx, jobs })
}
