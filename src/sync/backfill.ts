import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import type { JobQueue } from '../jobs/queue.js'
import type { Db } from '../ledger/db-types.js'
import { startImport } from './start-import.js'
import type { SyncRun } from './sync-run.js'
import { getSyncRun } from './sync-runs.js'

export const BACKFILL_QUEUE = 'workspace-backfill'

/** How long after install the backfill waits: time for an admin to switch it off first. */
export const BACKFILL_GRACE_MS = 5 * 60_000

export interface Backfill {
  readonly status: 'scheduled' | 'started' | 'off'
  readonly startsAt: Date
  readonly changedBy: string | null
  readonly run: SyncRun | null
}

/**
 * After a workspace connects for the first time: its existing users get codes and links without
 * anyone asking. The import starts after a grace period (the dashboard can switch it off or start
 * it at once) and draws only on what live calls leave of the rate budget. INTERCOM_BACKFILL=off
 * schedules nothing; a re-install never schedules a second one.
 */
export async function scheduleBackfill(
  ctx: Pick<AppContext, 'db' | 'jobs' | 'config'>,
  workspaceId: string,
  options: { graceMs?: number } = {},
): Promise<void> {
  if (!ctx.config.intercom.backfill) return
  const startsAt = new Date(Date.now() + (options.graceMs ?? BACKFILL_GRACE_MS))
  const inserted = await ctx.db
    .insertInto('workspace_backfills')
    .values({
      workspace_id: workspaceId,
      status: 'scheduled',
      starts_at: startsAt,
      sync_run_id: null,
      changed_by: null,
    })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .returning('workspace_id')
    .executeTakeFirst()
  if (inserted && ctx.jobs) await enqueueBackfill(ctx.jobs, workspaceId, startsAt)
}

export async function enqueueBackfill(
  jobs: JobQueue,
  workspaceId: string,
  startAfter: Date,
): Promise<void> {
  await jobs.send(
    BACKFILL_QUEUE,
    { workspaceId },
    { singletonKey: workspaceId, startAfter, retryLimit: 5, retryDelay: 30, retryBackoff: true },
  )
}

/**
 * Starts the backfill when it is due and still scheduled (an admin may have switched it off):
 * one full import of the workspace's users into its default campaign. Returns the run, if started.
 */
export async function startDueBackfill(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  workspaceId: string,
): Promise<SyncRun | null> {
  const claimed = await ctx.db
    .updateTable('workspace_backfills')
    .set({ status: 'started', updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<=', sql<Date>`now()`)
    .returning('workspace_id')
    .executeTakeFirst()
  if (!claimed) return null
  const run = await startImport(ctx, { workspaceId, kind: 'full', source: 'users' })
  await ctx.db
    .updateTable('workspace_backfills')
    .set({ sync_run_id: run.id, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .execute()
  return run
}

/** The minute tick's safety net: backfills due whose job was lost start now. */
export async function startDueBackfills(ctx: Pick<AppContext, 'db' | 'jobs'>): Promise<void> {
  const due = await ctx.db
    .selectFrom('workspace_backfills')
    .select('workspace_id')
    .where('status', '=', 'scheduled')
    .where('starts_at', '<=', sql<Date>`now()`)
    .limit(50)
    .execute()
  for (const row of due) await startDueBackfill(ctx, row.workspace_id)
}

/** An admin's choice before the start: off for good, or now instead of after the grace period. */
export async function decideBackfill(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  workspaceId: string,
  decision: 'off' | 'now',
  admin: string | null,
): Promise<boolean> {
  const updated = await ctx.db
    .updateTable('workspace_backfills')
    .set({
      ...(decision === 'off' ? { status: 'off' as const } : { starts_at: sql<Date>`now()` }),
      changed_by: admin,
      updated_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'scheduled')
    .returning('workspace_id')
    .executeTakeFirst()
  if (!updated) return false
  if (decision === 'now') await startDueBackfill(ctx, workspaceId)
  return true
}

/** The workspace's backfill and the progress of its import, for the dashboard. */
export async function getBackfill(db: Db, workspaceId: string): Promise<Backfill | null> {
  const row = await db
    .selectFrom('workspace_backfills')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!row) return null
  return {
    status: row.status,
    startsAt: row.starts_at,
    changedBy: row.changed_by,
    run: row.sync_run_id ? await getSyncRun(db, workspaceId, row.sync_run_id) : null,
  }
}
