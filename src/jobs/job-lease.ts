import type { Logger } from '../logger.js'
import type { JobQueue } from './queue.js'

/**
 * Leases on the jobs an instance holds, for queues shared by N instances where one may die.
 *
 * pg-boss 10 keeps a fetched job active until started_on + expire_in and only then, at its
 * maintenance (every 2 minutes), retries it; it has no heartbeat. A long expiry left a SIGKILLed
 * instance's whole batch (up to workers × batch size contacts) stuck for up to 4 minutes; a short
 * one would retry the jobs of a living instance whose batch waits on Intercom's rate budget. So a
 * queue's expiry is the lease, the instance renews it for every job of a running batch, and every
 * instance retries jobs whose lease lapsed: those of an instance that stopped renewing.
 */
export const LEASE_SECONDS = 30
const RENEW_EVERY_MS = (LEASE_SECONDS * 1000) / 3
const RECLAIM_EVERY_MS = 5_000

/**
 * Renews the lease of the jobs in `held` (the caller removes those it let go) every 10 s until the
 * returned function is called. started_on is the lease's start: pg-boss reads it only to expire
 * the job and to tell a retry.
 */
export function holdLeases(
  boss: JobQueue,
  queue: string,
  held: ReadonlySet<string>,
  logger: Logger,
  renewEveryMs = RENEW_EVERY_MS,
): () => void {
  const renew = async () => {
    if (held.size === 0) return
    await boss
      .getDb()
      .executeSql(
        `update pgboss.job set started_on = now()
          where name = $1 and id = any($2::uuid[]) and state = 'active'`,
        [queue, [...held]],
      )
      .catch((error: unknown) => logger.warn({ err: error, queue }, 'job lease: renewal failed'))
  }
  const timer = setInterval(() => void renew(), renewEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Retries the jobs of `queues` whose lease lapsed, as pg-boss's expiry would, within seconds of
 * the lapse instead of at its next maintenance. Returns how many it retried.
 */
export async function reclaimLapsedJobs(
  boss: JobQueue,
  queues: readonly string[],
  logger: Logger,
): Promise<number> {
  const { rows } = await boss.getDb().executeSql(
    `select id, name from pgboss.job
      where name = any($1::text[]) and state = 'active' and started_on + expire_in < now()`,
    [queues],
  )
  const jobs = rows as { id: string; name: string }[]
  for (const queue of queues) {
    const ids = jobs.filter((job) => job.name === queue).map((job) => job.id)
    if (ids.length > 0) await boss.fail(queue, ids)
  }
  if (jobs.length > 0) logger.warn({ jobs: jobs.length }, 'job lease: retrying lapsed jobs')
  return jobs.length
}

/** Runs reclaimLapsedJobs every few seconds until the returned function is called. */
export function reclaimLapsedJobsContinually(
  boss: JobQueue,
  queues: readonly string[],
  logger: Logger,
): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    reclaimLapsedJobs(boss, queues, logger)
      .catch((error: unknown) => logger.warn({ err: error }, 'job lease: reclaim failed'))
      .finally(() => (running = false))
  }, RECLAIM_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
