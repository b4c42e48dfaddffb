import { sql } from 'kysely'
import type { Db } from '../db-types.js'

export interface RetentionPeriods {
  readonly linkClicksDays: number
  readonly contactSnapshotsDays: number
  readonly webhookNotificationsDays: number
  readonly finishedJobsDays: number
}

export interface RetentionOutcome {
  readonly linkClicks: number
  readonly contactSnapshots: number
  readonly webhookNotifications: number
  readonly finishedJobs: number
  readonly rateLimitCounters: number
}

/** Rows per statement: each batch is its own short transaction, so no lock is held for long. */
export const RETENTION_BATCH = 1000

/**
 * Deletes what is older than its period, a batch at a time per workspace, oldest first, through
 * the age indexes; rows another transaction holds are skipped (the next run takes them). Counters
 * on referrers and codes are totals and stay as they are.
 */
export async function purgeExpired(
  db: Db,
  periods: RetentionPeriods,
  options: { batch?: number; maxBatches?: number } = {},
): Promise<RetentionOutcome> {
  const batch = options.batch ?? RETENTION_BATCH
  const maxBatches = options.maxBatches ?? 1000
  const workspaces = (await db.selectFrom('workspaces').select('id').execute()).map((w) => w.id)
  const perWorkspace = async (
    statement: (workspaceId: string) => Promise<number>,
  ): Promise<number> => {
    let total = 0
    for (const workspaceId of workspaces) {
      for (let round = 0; round < maxBatches; round++) {
        const deleted = await statement(workspaceId)
        total += deleted
        if (deleted < batch) break
      }
    }
    return total
  }
  const days = (n: number) => sql<Date>`now() - make_interval(days => ${n})`

  const linkClicks = await perWorkspace(async (workspaceId) =>
    affected(
      await sql`delete from link_clicks where id in (
        select id from link_clicks
        where workspace_id = ${workspaceId} and clicked_at < ${days(periods.linkClicksDays)}
        order by clicked_at limit ${batch} for update skip locked)`.execute(db),
    ),
  )
  const contactSnapshots = await perWorkspace(async (workspaceId) =>
    affected(
      await sql`delete from contact_snapshots where (workspace_id, contact_id) in (
        select workspace_id, contact_id from contact_snapshots
        where workspace_id = ${workspaceId} and updated_at < ${days(periods.contactSnapshotsDays)}
        order by updated_at limit ${batch} for update skip locked)`.execute(db),
    ),
  )
  // Only finished ones: a notification still waiting to be processed is never lost.
  const webhookNotifications = await perWorkspace(async (workspaceId) =>
    affected(
      await sql`delete from webhook_notifications where id in (
        select id from webhook_notifications
        where workspace_id = ${workspaceId} and received_at < ${days(periods.webhookNotificationsDays)}
          and status in ('processed', 'skipped')
        order by received_at limit ${batch} for update skip locked)`.execute(db),
    ),
  )
  let finishedJobs = 0
  for (const table of ['job', 'archive'] as const) {
    for (let round = 0; round < maxBatches; round++) {
      const deleted = affected(
        await sql`delete from ${sql.table(`pgboss.${table}`)} where id in (
          select id from ${sql.table(`pgboss.${table}`)}
          where state in ('completed', 'cancelled', 'failed')
            and completed_on < ${days(periods.finishedJobsDays)}
          limit ${batch} for update skip locked)`
          .execute(db)
          .catch(missingQueueTables),
      )
      finishedJobs += deleted
      if (deleted < batch) break
    }
  }
  const rateLimitCounters = affected(
    await sql`delete from http_rate_limits where key in (
      select key from http_rate_limits where reset_at < now() limit ${batch * 10})`.execute(db),
  )
  return { linkClicks, contactSnapshots, webhookNotifications, finishedJobs, rateLimitCounters }
}

function affected(result: { numAffectedRows?: bigint } | null): number {
  return Number(result?.numAffectedRows ?? 0)
}

/** A database the job queue never ran on has no pgboss schema: nothing to purge there. */
function missingQueueTables(error: unknown): null {
  if ((error as { code?: unknown }).code === '42P01') return null
  throw error
}
