import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { reclaimLapsedJobs } from '../../src/jobs/job-lease.js'
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js'
import { createLogger } from '../../src/logger.js'
import { enqueueSyncPage, PAGE_LEASE_SECONDS, SYNC_PAGE_QUEUE } from '../../src/sync/queues.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'

const logger = createLogger('silent')
// The reclaim runs every 5 s (job-lease.ts).
const RECLAIM_EVERY_S = 5

describe(`a killed import resumes within 30 s, on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  let jobs: JobQueue
  beforeAll(async () => {
    handle = await freshDatabase()
    jobs = await startJobQueue(handle, logger, { supervise: false })
    await jobs.createQueue(SYNC_PAGE_QUEUE, { name: SYNC_PAGE_QUEUE, policy: 'short' })
  })
  afterAll(async () => {
    await jobs?.stop({ graceful: false, wait: true })
  })

  it('a page job whose instance died is retried once its lease lapsed, starting within 30 s of the death', async () => {
    await enqueueSyncPage(jobs, '00000000-0000-4000-8000-000000000001')
    const [job] = await jobs.fetch(SYNC_PAGE_QUEUE, { batchSize: 1 })
    expect(job).toBeDefined()
    const { rows } = await handle.executeSql(
      `select extract(epoch from expire_in)::int as lease from pgboss.job where id = $1`,
      [job!.id],
    )
    expect((rows[0] as { lease: number }).lease).toBe(PAGE_LEASE_SECONDS)
    // Still within its lease: a living instance's import is left alone.
    expect(await reclaimLapsedJobs(jobs, [SYNC_PAGE_QUEUE], logger)).toBe(0)
    // The instance was killed PAGE_LEASE_SECONDS + 1 s ago and never renewed.
    await handle.executeSql(
      `update pgboss.job set started_on = now() - make_interval(secs => $2) where id = $1`,
      [job!.id, PAGE_LEASE_SECONDS + 1],
    )
    expect(await reclaimLapsedJobs(jobs, [SYNC_PAGE_QUEUE], logger)).toBe(1)
    const retry = await handle.executeSql(
      `select state, extract(epoch from (start_after - now()))::float as wait from pgboss.job where id = $1`,
      [job!.id],
    )
    const { state, wait } = retry.rows[0] as { state: string; wait: number }
    expect(state).toBe('retry')
    // Lease + one reclaim interval + the retry's delay: within 30 s of the death.
    expect(PAGE_LEASE_SECONDS + RECLAIM_EVERY_S + Math.max(0, wait)).toBeLessThanOrEqual(30)
  })
})
