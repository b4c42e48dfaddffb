import { isUuid } from '../ledger/campaigns.js'
import type { Db } from '../ledger/db-types.js'
import { type SyncRun, toSyncRun } from './sync-run.js'

/** A run of this workspace, with its progress; null for an unknown or foreign id. */
export async function getSyncRun(
  db: Db,
  workspaceId: string,
  runId: string,
): Promise<SyncRun | null> {
  if (!isUuid(runId)) return null
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', runId)
    .executeTakeFirst()
  return row ? toSyncRun(row) : null
}

/** The workspace's runs, newest first. */
export async function listSyncRuns(
  db: Db,
  workspaceId: string,
  options: { campaignId?: string; limit?: number } = {},
): Promise<SyncRun[]> {
  let query = db
    .selectFrom('sync_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(Math.min(Math.max(options.limit ?? 20, 1), 200))
  if (options.campaignId) {
    if (!isUuid(options.campaignId)) return []
    query = query.where('campaign_id', '=', options.campaignId)
  }
  const rows = await query.execute()
  const now = new Date()
  return rows.map((row) => toSyncRun(row, now))
}

/** Where an incremental run starts reading: the start of the last run that finished well. */
export async function lastSucceededStart(
  db: Db,
  workspaceId: string,
  campaignId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('sync_runs')
    .select('started_at')
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'succeeded')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.started_at ?? null
}
