import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import type { Db } from '../ledger/db-types.js'
import { toCampaign } from '../ledger/mappers.js'
import { enqueueSyncPage } from './queues.js'
import { startImport } from './start-import.js'

export interface DueImport {
  readonly workspaceId: string
  readonly campaignId: string
  readonly runId: string
}

/**
 * Starts the imports that are due: an enabled ongoing import whose last run started at least
 * intervalMinutes ago, and an enabled one-time import that has never run. Switching
 * import.enabled off stops the schedule for that campaign.
 */
export async function startDueImports(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  now: Date = new Date(),
): Promise<DueImport[]> {
  const rows = await ctx.db
    .selectFrom('campaigns')
    .selectAll()
    .where('status', '=', 'active')
    .where(sql<boolean>`(settings->'import'->>'enabled')::boolean is true`)
    .execute()
  const started: DueImport[] = []
  for (const campaign of rows.map(toCampaign)) {
    const settings = campaign.settings.import
    if (settings.source === 'segment' && !settings.segmentId) continue
    const last = await lastRun(ctx.db, campaign.id)
    if (last?.status === 'running') continue
    const due =
      settings.mode === 'ongoing'
        ? !last || now.getTime() - last.started_at.getTime() >= settings.intervalMinutes * 60_000
        : !last
    if (!due) continue
    const run = await startImport(ctx, {
      workspaceId: campaign.workspaceId,
      campaignId: campaign.id,
    })
    started.push({ workspaceId: campaign.workspaceId, campaignId: campaign.id, runId: run.id })
  }
  return started
}

async function lastRun(db: Db, campaignId: string) {
  return db
    .selectFrom('sync_runs')
    .select(['status', 'started_at'])
    .where('campaign_id', '=', campaignId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Re-queues runs whose worker died mid-page (killed process): pg-boss would retry the expired job
 * too, but only after its expiry and a maintenance pass. Safe to over-queue: the page commit checks
 * that the cursor has not moved.
 */
export async function resumeStalledRuns(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  staleAfterMs: number,
): Promise<string[]> {
  if (!ctx.jobs) return []
  const stalled = await ctx.db
    .selectFrom('sync_runs')
    .select('id')
    .where('status', '=', 'running')
    .where('updated_at', '<=', new Date(Date.now() - staleAfterMs))
    .execute()
  for (const run of stalled) await enqueueSyncPage(ctx.jobs, run.id)
  return stalled.map((run) => run.id)
}
