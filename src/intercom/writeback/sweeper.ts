import { sql } from 'kysely'
import type { AppContext } from '../../context.js'
import type { JobQueue } from '../../jobs/queue.js'
import { enqueueContactWrites, WRITEBACK_QUEUES, writeJobKey } from './enqueue.js'

const PAGE = 500

/**
 * Enqueues a write for every pending contact of a connected workspace that has no live job
 * (queued, retrying or running): a job lost to a crash, to exhausted retries, or a change made
 * while the workspace had no token. Returns how many jobs it enqueued.
 */
export async function sweepPendingWrites(
  ctx: AppContext & { jobs: JobQueue },
  options: { workspaceId?: string } = {},
): Promise<number> {
  let enqueued = 0
  let after: { workspaceId: string; participantId: string } | null = null
  for (;;) {
    // Keyset pages: PGlite cannot stream, and a large backlog must not load at once.
    let query = ctx.db
      .selectFrom('pending_contact_writes as p')
      .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
      .select(['p.workspace_id', 'p.participant_id'])
      .where('w.access_token_ciphertext', 'is not', null)
      .orderBy('p.workspace_id')
      .orderBy('p.participant_id')
      .limit(PAGE)
    if (options.workspaceId) query = query.where('p.workspace_id', '=', options.workspaceId)
    if (after) {
      const cursor = after
      query = query.where(
        sql<boolean>`(p.workspace_id, p.participant_id) > (${cursor.workspaceId}, ${cursor.participantId}::uuid)`,
      )
    }
    const rows = await query.execute()
    if (rows.length === 0) break
    const jobs = rows.map((row) => ({
      workspaceId: row.workspace_id,
      participantId: row.participant_id,
    }))
    const live = await liveKeys(ctx, jobs.map(writeJobKey))
    const missing = jobs.filter((job) => !live.has(writeJobKey(job)))
    await enqueueContactWrites(ctx.jobs, missing)
    enqueued += missing.length
    const last = jobs[jobs.length - 1]
    if (!last || rows.length < PAGE) break
    after = last
  }
  enqueued += await sweepOwedEvents(ctx, options)
  if (enqueued > 0)
    ctx.logger.info({ enqueued }, 'contact write-back: re-enqueued pending contacts')
  return enqueued
}

/**
 * People with data events waiting and no live job (retries ran out, a crash): their write-back
 * job, which sends the events, is enqueued again. A page a minute is plenty for what slips through.
 */
async function sweepOwedEvents(
  ctx: AppContext & { jobs: JobQueue },
  options: { workspaceId?: string },
): Promise<number> {
  let query = ctx.db
    .selectFrom('intercom_event_outbox as o')
    .innerJoin('workspaces as w', 'w.id', 'o.workspace_id')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select(['o.workspace_id', 'o.participant_id'])
    .distinct()
    .where('o.status', '=', 'pending')
    .where('w.access_token_ciphertext', 'is not', null)
    .where('p.contact_id', 'is not', null)
    .limit(PAGE)
  if (options.workspaceId) query = query.where('o.workspace_id', '=', options.workspaceId)
  const jobs = (await query.execute()).map((row) => ({
    workspaceId: row.workspace_id,
    participantId: row.participant_id,
  }))
  if (jobs.length === 0) return 0
  const live = await liveKeys(ctx, jobs.map(writeJobKey))
  const missing = jobs.filter((job) => !live.has(writeJobKey(job)))
  await enqueueContactWrites(ctx.jobs, missing)
  return missing.length
}

/** Keys that already have a job waiting or running (pg-boss's own table; there is no API for it). */
async function liveKeys(ctx: AppContext, keys: string[]): Promise<Set<string>> {
  const { rows } = await ctx.database.executeSql(
    `select singleton_key from pgboss.job
      where name = any($1::text[]) and state in ('created', 'retry', 'active')
        and singleton_key = any($2::text[])`,
    [WRITEBACK_QUEUES, keys],
  )
  return new Set((rows as { singleton_key: string }[]).map((row) => row.singleton_key))
}

/**
 * On embedded PGlite only this process can use the database, so a write-back job still marked
 * running was cut off by a crash: fail it now so it retries, instead of blocking its contact until
 * it expires. (On PostgreSQL other instances may own such jobs; expiry handles those.)
 */
export async function recoverInterruptedWrites(
  ctx: AppContext & { jobs: JobQueue },
): Promise<void> {
  if (ctx.database.kind !== 'pglite') return
  const { rows } = await ctx.database.executeSql(
    `select id, name from pgboss.job where name = any($1::text[]) and state = 'active'`,
    [WRITEBACK_QUEUES],
  )
  const jobs = rows as { id: string; name: string }[]
  if (jobs.length === 0) return
  for (const queue of WRITEBACK_QUEUES) {
    const ids = jobs.filter((job) => job.name === queue).map((job) => job.id)
    if (ids.length > 0) await ctx.jobs.fail(queue, ids)
  }
  ctx.logger.info({ jobs: jobs.length }, 'contact write-back: retrying writes cut off by a restart')
}
