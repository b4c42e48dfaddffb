import { type AppContext } from '../context.js'

export type WorkerRegistration = (
  ctx: AppContext & { jobs: NonNullable<AppContext['jobs']> },
) => Promise<void>

/**
 * Starts background work: each registration creates its queues and registers its workers and
 * schedules. The list belongs to the composition root (src/server.ts), so this module imports none
 * of the modules it runs and they may import this type without a cycle.
 */
export async function startWorkers(
  ctx: AppContext,
  registrations: readonly WorkerRegistration[],
): Promise<void> {
  const { jobs } = ctx
  if (!jobs) return
  for (const register of registrations) await register({ ...ctx, jobs })
}
