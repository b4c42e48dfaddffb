import { workInBatches } from '../../jobs/batch-workers.js'
import { reclaimLapsedJobsContinually } from '../../jobs/job-lease.js'
import type { WorkerRegistration } from '../../jobs/workers.js'
import { listenForOwedEvents } from '../data-events/outbox.js'
import {
  BACKFILL_WRITEBACK_QUEUE,
  createWritebackQueue,
  enqueueContactWrite,
  listenForContactChanges,
  WRITEBACK_QUEUE,
  WRITEBACK_QUEUES,
  writeJobSchema,
} from './enqueue.js'
import { recoverInterruptedWrites, sweepPendingWrites } from './sweeper.js'
import { writeContact } from './write-contact.js'

type WritebackContext = Parameters<WorkerRegistration>[0]

const SWEEP_QUEUE = 'contact-writeback-sweep'
// pg-boss fetches once per polling interval per worker, so the ceiling is WORKERS × BATCH per
// interval (4 × 50 per 0.5 s = 400 jobs/s), well above the ~160 writes/s the rate limiter allows:
// the limiter, not the queue, paces write-back. With 25 per batch the queue was the cap (a batch
// that outlasts the interval lowers it), and write-back reached only 82 % of the allowed rate.
const WORKERS = 4
const BATCH = 50
const POLLING_SECONDS = 0.5
// Jobs of one batch run this many at a time: Intercom round trips overlap, database work does not grow.
const CONCURRENCY = 16

async function runJob(ctx: WritebackContext, data: unknown): Promise<void> {
  const parsed = writeJobSchema.safeParse(data)
  if (!parsed.success) {
    ctx.logger.error('contact write-back: malformed job dropped')
    return
  }
  const outcome = await writeContact(ctx, parsed.data)
  if (outcome.kind === 'rate-limited') {
    // Waits for Intercom's budget: a fresh job due at the reset time replaces this one.
    await enqueueContactWrite(ctx.jobs, parsed.data, { startAfter: outcome.retryAt })
  } else if (outcome.kind === 'dead-lettered' || outcome.kind === 'disconnected') {
    ctx.logger.warn({ ...parsed.data, outcome }, 'contact write-back: not written')
  }
}

/**
 * Start-up: the ledger hooks (attribute changes, owed data events), the write-back workers (live,
 * and one for the install backfill), the sweeper (now and every minute), and the reclaim of writes
 * an instance that died was holding (every few seconds). Returns how to stop the reclaim.
 */
export const registerContactWriteback: WorkerRegistration = async (ctx) => {
  const boss = ctx.jobs
  await createWritebackQueue(boss)
  const unsubscribe = listenForContactChanges(ctx.db, boss)
  const unsubscribeEvents = listenForOwedEvents(ctx.db, boss, ctx.config.publicUrl)
  boss.once('stopped', () => {
    unsubscribe()
    unsubscribeEvents()
  })

  await workInBatches<unknown>(
    boss,
    WRITEBACK_QUEUE,
    {
      workers: WORKERS,
      batchSize: BATCH,
      pollingIntervalSeconds: POLLING_SECONDS,
      concurrency: CONCURRENCY,
      label: 'contact write-back',
      leased: true,
    },
    ctx.logger,
    (data) => runJob(ctx, data),
  )

  // The backfill's writes draw only on what live calls leave (the limiter sees to that); one
  // worker is enough to use it, and never competes with the live workers for the queue.
  await workInBatches<unknown>(
    boss,
    BACKFILL_WRITEBACK_QUEUE,
    {
      workers: 1,
      batchSize: BATCH,
      pollingIntervalSeconds: 1,
      concurrency: CONCURRENCY,
      label: 'backfill write-back',
      leased: true,
    },
    ctx.logger,
    (data) => runJob(ctx, data),
  )

  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' })
  await boss.work(SWEEP_QUEUE, async () => {
    await sweepPendingWrites(ctx)
  })
  await boss.schedule(SWEEP_QUEUE, '* * * * *')
  try {
    await recoverInterruptedWrites(ctx)
    await sweepPendingWrites(ctx)
  } catch (error) {
    // The minute sweep tries again; start-up goes on.
    ctx.logger.error({ err: error }, 'contact write-back: start-up sweep failed')
  }
  const stopReclaiming = reclaimLapsedJobsContinually(boss, WRITEBACK_QUEUES, ctx.logger)
  return async () => stopReclaiming()
}
