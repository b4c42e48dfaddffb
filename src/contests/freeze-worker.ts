import type { WorkerRegistration } from '../jobs/workers.js'
import { freezeEndedContests } from './freeze.js'

const FREEZE_QUEUE = 'contest-freeze'

/** Every minute: contests whose end has passed get their final results and prizes (once). */
export const registerContestFreezing: WorkerRegistration = async (ctx) => {
  await ctx.jobs.createQueue(FREEZE_QUEUE, { name: FREEZE_QUEUE, policy: 'singleton' })
  await ctx.jobs.work(FREEZE_QUEUE, async () => {
    const frozen = await freezeEndedContests(ctx.db)
    if (frozen > 0) ctx.logger.info({ frozen }, 'contests: final results frozen')
  })
  await ctx.jobs.schedule(FREEZE_QUEUE, '* * * * *')
}
