import type { AppContext } from '../context.js'
import type { IntercomApi } from '../intercom/api-types.js'
import { attributesReady } from '../intercom/attribute-setup.js'
import { getIntercomApi } from '../intercom/connections.js'
import type { JobQueue } from '../jobs/queue.js'
import { subscribeContactCreation } from './contact-listeners.js'
import { createContactFor, type ContactCreateJob } from './create-contact.js'
import { BACKFILL_QUEUE, startDueBackfill, startDueBackfills } from './backfill.js'
import { driveSyncRun } from './page-job.js'
import { holdLeases, reclaimLapsedJobsContinually } from '../jobs/job-lease.js'
import {
  CONTACT_CREATE_QUEUE,
  PAGE_LEASE_SECONDS,
  SYNC_PAGE_QUEUE,
  SYNC_TICK_QUEUE,
  type SyncPageJob,
} from './queues.js'
import { resumeStalledRuns, startDueImports } from './tick.js'

export interface SyncWorkerOptions {
  /** Default: the workspace's stored connection, drawing on its shared rate budget. */
  readonly apiFor?: (workspaceId: string) => Promise<IntercomApi | null>
  /** A running run untouched this long is taken to have lost its worker (default 10 minutes). */
  readonly staleAfterMs?: number
  /** How long one page job keeps importing before it hands over to a fresh job (default 60 s). */
  readonly sliceMs?: number
}

/** Queues, workers and the one-minute schedule for contact import and contact creation. */
export async function registerSyncWorkers(
  ctx: AppContext & { jobs: JobQueue },
  options: SyncWorkerOptions = {},
): Promise<void> {
  const { jobs } = ctx
  const staleAfterMs = options.staleAfterMs ?? 10 * 60_000
  const apiFor = options.apiFor ?? ((workspaceId: string) => getIntercomApi(ctx, workspaceId))
  // Imports (the install backfill above all) read Intercom with what live calls leave.
  const importApiFor =
    options.apiFor ??
    ((workspaceId: string) => getIntercomApi(ctx, workspaceId, { priority: 'background' }))
  const deps = { db: ctx.db, jobs, apiFor: importApiFor, logger: ctx.logger }
  await jobs.createQueue(SYNC_PAGE_QUEUE, { name: SYNC_PAGE_QUEUE, policy: 'short' })
  await jobs.createQueue(SYNC_TICK_QUEUE, { name: SYNC_TICK_QUEUE, policy: 'short' })
  await jobs.createQueue(CONTACT_CREATE_QUEUE, { name: CONTACT_CREATE_QUEUE, policy: 'short' })

  await jobs.work<SyncPageJob>(
    SYNC_PAGE_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 0.5 },
    async ([job]) => {
      if (!job) return
      // Held while this instance imports; if it dies the lease lapses and another takes over.
      const release = holdLeases(
        jobs,
        SYNC_PAGE_QUEUE,
        new Set([job.id]),
        ctx.logger,
        (PAGE_LEASE_SECONDS * 1000) / 3,
      )
      try {
        await driveSyncRun(deps, job.data.runId, { sliceMs: options.sliceMs ?? 60_000 })
      } finally {
        release()
      }
    },
  )
  const stopReclaiming = reclaimLapsedJobsContinually(jobs, [SYNC_PAGE_QUEUE], ctx.logger)
  jobs.once('stopped', stopReclaiming)
  await jobs.work(SYNC_TICK_QUEUE, async () => {
    await resumeStalledRuns(ctx, staleAfterMs)
    await startDueImports(ctx)
    await startDueBackfills(ctx)
  })
  await jobs.work<ContactCreateJob>(
    CONTACT_CREATE_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (!job) return
      const outcome = await createContactFor(
        {
          db: ctx.db,
          publicUrl: ctx.config.publicUrl,
          apiFor,
          attributesReady: (workspaceId, options) => attributesReady(ctx, workspaceId, options),
        },
        job.data,
      )
      ctx.logger.debug({ job: job.data, outcome }, 'intercom contact for participant')
    },
  )
  await jobs.createQueue(BACKFILL_QUEUE, { name: BACKFILL_QUEUE, policy: 'short' })
  await jobs.work<{ workspaceId: string }>(BACKFILL_QUEUE, async ([job]) => {
    if (job) await startDueBackfill(ctx, job.data.workspaceId)
  })
  // Every minute: due ongoing imports start, and runs whose worker died are picked up again.
  await jobs.schedule(SYNC_TICK_QUEUE, '* * * * *')
  // Two instances in one process (tests) both subscribe; the job's singleton key keeps one job.
  const unsubscribe = subscribeContactCreation(ctx.db, jobs)
  jobs.once('stopped', unsubscribe)
  await resumeStalledRuns(ctx, staleAfterMs)
}

/** The entry for the worker list of src/server.ts. */
export async function registerContactSync(ctx: AppContext & { jobs: JobQueue }): Promise<void> {
  await registerSyncWorkers(ctx)
}
