import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import {
  createWritebackQueue,
  WRITEBACK_QUEUE,
  WRITEBACK_QUEUES,
} from '../../src/intercom/writeback/enqueue.js'
import { holdLeases, LEASE_SECONDS, reclaimLapsedJobs } from '../../src/jobs/job-lease.js'
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js'
import { createLogger } from '../../src/logger.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'

const logger = createLogger('silent')

describe(`write-back job leases on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  let jobs: JobQueue
  beforeAll(async () => {
    handle = await freshDatabase()
    jobs = await startJobQueue(handle, logger, { supervise: false })
    await createWritebackQueue(jobs)
  })
  afterAll(async () => {
    vi.useRealTimers()
    await jobs?.stop({ graceful: false, wait: true })
  })

  /** A write fetched (made active) by an instance; the test plays that instance. */
  async function fetchedWrite(participant: number): Promise<string> {
    const participantId = `00000000-0000-4000-8000-${String(participant).padStart(12, '0')}`
    const id = await jobs.send(
      WRITEBACK_QUEUE,
      { workspaceId: 'wslease', participantId },
      { singletonKey: `wslease:${participantId}` },
    )
    const [fetched] = await jobs.fetch(WRITEBACK_QUEUE, { batchSize: 1 })
    expect(fetched?.id).toBe(id)
    return id!
  }

  /** What `seconds` without a renewal does to a lease (instead of waiting them out). */
  async function ageLease(id: string, seconds: number): Promise<void> {
    await handle.executeSql(
      `update pgboss.job set started_on = now() - make_interval(secs => $2) where id = $1`,
      [id, seconds],
    )
  }

  const stateOf = async (id: string) => (await jobs.getJobById(WRITEBACK_QUEUE, id))?.state

  it('the queue expiry is the lease, also on a queue created before leases existed', async () => {
    await jobs.updateQueue(WRITEBACK_QUEUE, { name: WRITEBACK_QUEUE, expireInSeconds: 120 })
    await createWritebackQueue(jobs)
    for (const name of WRITEBACK_QUEUES)
      expect((await jobs.getQueue(name))?.expireInSeconds).toBe(LEASE_SECONDS)
  })

  it('a write whose instance stopped renewing is retried once its lease lapsed, not before', async () => {
    const id = await fetchedWrite(1)
    await ageLease(id, LEASE_SECONDS - 5)
    expect(await reclaimLapsedJobs(jobs, WRITEBACK_QUEUES, logger)).toBe(0)
    expect(await stateOf(id)).toBe('active')

    await ageLease(id, LEASE_SECONDS + 1)
    expect(await reclaimLapsedJobs(jobs, WRITEBACK_QUEUES, logger)).toBe(1)
    expect(await stateOf(id)).toBe('retry')
    expect(await reclaimLapsedJobs(jobs, WRITEBACK_QUEUES, logger)).toBe(0)
  })

  it('a living instance renews the leases of the writes it holds, and not of those it let go', async () => {
    const held = await fetchedWrite(2)
    const letGo = await fetchedWrite(3)
    await ageLease(held, LEASE_SECONDS - 1)
    await ageLease(letGo, LEASE_SECONDS - 1)
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const release = holdLeases(jobs, WRITEBACK_QUEUE, new Set([held]), logger)
    await vi.advanceTimersByTimeAsync((LEASE_SECONDS * 1000) / 3)
    release()
    vi.useRealTimers()
    // The renewal's update is in flight on the database: wait for its effect.
    await vi.waitFor(async () => {
      const { rows } = await handle.executeSql(
        `select id from pgboss.job where id = $1 and started_on > now() - interval '5 seconds'`,
        [held],
      )
      expect(rows).toHaveLength(1)
    })
    await ageLease(letGo, LEASE_SECONDS + 1)
    expect(await reclaimLapsedJobs(jobs, WRITEBACK_QUEUES, logger)).toBe(1)
    expect(await stateOf(held)).toBe('active')
    expect(await stateOf(letGo)).toBe('retry')
  })
})
