import { type AppContext } from '../context.js'
import { registerPrivateApp } from '../intercom/private-app.js'
import { registerConversationNotes } from '../intercom/notes/register.js'
import { registerContactWriteback } from '../intercom/writeback/register.js'
import { registerNotificationWorker } from './notification-worker.js'
import { registerRewardFulfilment } from '../rewards/fulfilment-worker.js'
import { registerContactSync } from '../sync/register.js'

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
  registerConversationNotes,
  registerNotificationWorker,
  registerRewardFulfilment,
  registerContactSync,
]

export async function startWorkers(ctx: AppContext): Promise<void> {
  const { jobs } = ctx
  if (!jobs) return
  for (const register of registrations) await register({ ...ctx, jobs })
}
