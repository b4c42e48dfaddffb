import type { AppContext } from '../context.js'

/** What a worker runs with: the app's context, with the job queue certainly there. */
export type WorkerContext = AppContext & { jobs: NonNullable<AppContext['jobs']> }

/** Registers a capability's background work; may return how to stop work it runs itself. */
export type WorkerRegistration = (ctx: WorkerContext) => Promise<void | (() => Promise<void>)>

/**
 * Starts background work: each registration creates its queues and registers its workers and
 * schedules; the result stops the work they run outside pg-boss. The list belongs to the
 * composition root (src/server.ts), so this module imports none of the modules it runs and they
 * may import this type without a cycle.
 */
export async function startWorkers(
  ctx: AppContext,
  registrations: readonly WorkerRegistration[],
): Promise<() => Promise<void>> {
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
