import type { Logger } from '../logger.js'
import { holdLeases } from './job-lease.js'
import type { JobQueue } from './queue.js'

export interface BatchWorkerOptions {
  /** pg-boss workers on the queue; each fetches at most once per polling interval. */
  readonly workers: number
  readonly batchSize: number
  readonly pollingIntervalSeconds: number
  /** Jobs of one batch that run at once. */
  readonly concurrency: number
  /** What the jobs do, for the log line of a failed one ("contact write-back"). */
  readonly label: string
  /** The queue's expiry is a lease (job-lease.ts): renew it for every job of a running batch. */
  readonly leased?: boolean
}

/**
 * Registers `workers` pg-boss workers that fetch batches and run each batch's jobs a few at a
 * time. Each job settles on its own: one failure is logged and fails that job alone (pg-boss
 * retries it), instead of sending its batch-mates back to retry.
 */
export async function workInBatches<T>(
  boss: JobQueue,
  queue: string,
  options: BatchWorkerOptions,
  logger: Logger,
  run: (data: T) => Promise<unknown>,
): Promise<void> {
  const fetch = {
    batchSize: options.batchSize,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
  }
  for (let worker = 0; worker < options.workers; worker++) {
    await boss.work<T>(queue, fetch, async (jobs) => {
      // Done jobs stay active until the batch ends, so they are renewed too; failed ones are not.
      const held = new Set(jobs.map((job) => job.id))
      const release = options.leased ? holdLeases(boss, queue, held, logger) : () => {}
      let next = 0
      const lane = async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!
          try {
            await run(job.data)
          } catch (error) {
            logger.warn(
              { err: error, queue, jobId: job.id, data: job.data },
              `${options.label}: will retry`,
            )
            held.delete(job.id)
            await boss.fail(queue, job.id, {
              message: error instanceof Error ? error.message : String(error),
            })
          }
        }
      }
      try {
        await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, lane))
      } finally {
        release()
      }
    })
  }
}
