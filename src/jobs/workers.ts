import { type AppContext } from '../context.js'
import { registerPrivateApp } from '../intercom/private-app.js'
import { registerContactWriteback } from '../intercom/writeback/register.js'
import { registerNotificationWorker } from './notification-worker.js'
import { registerRewardFulfilment } from '../rewards/fulfilment-worker.js'
import { registerContactSync } from '../sync/register.js'

/** Registers a capability's background work; may return how to stop work it runs itself. */
export type WorkerRegistration = (
  ctx: AppContext & { jobs: NonNullable<AppContext['jobs']> },
) => Promise<void | (() => Promise<void>)>

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
]

/** Starts every registration; the result stops the work they run outside pg-boss. */
export async function startWorkers(ctx: AppContext): Promise<() => Promise<void>> {
  const { jobs } = ctx
  const stops: Array<() => Promise<void>> = []
  if (jobs)
    for (const register of registrations) {
      const stop = await register({ ...ctx, jobs })
      if (stop) stops.push(stop)
    }
  return async () => {
    await Promise.all(stops.map((stop) => stop()))
  }
}
