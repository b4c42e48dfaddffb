import type { AppContext } from '../context.js'
import { AppError } from '../errors.js'
import { getCampaign } from '../ledger/campaigns.js'
import { INCREMENTAL_MARGIN_MS } from './import-query.js'
import { enqueueSyncPage } from './queues.js'
import { type SyncRun, toSyncRun } from './sync-run.js'
import { lastSucceededStart } from './sync-runs.js'

export interface StartImportInput {
  readonly workspaceId: string
  readonly campaignId?: string | null
  /** Default: incremental for an ongoing import that has finished once, else full. */
  readonly kind?: 'full' | 'incremental'
  /** Overrides the campaign's import source (the install backfill reads users). */
  readonly source?: 'users' | 'leads' | 'all'
}

/**
 * Starts an import of Intercom contacts as referrers of a campaign and queues its first page. A
 * campaign has at most one run in flight: starting again returns the running one.
 */
export async function startImport(
  ctx: Pick<AppContext, 'db' | 'jobs'>,
  input: StartImportInput,
): Promise<SyncRun> {
  const campaign = await getCampaign(ctx.db, input.workspaceId, input.campaignId)
  const settings = input.source
    ? { ...campaign.settings.import, source: input.source }
    : campaign.settings.import
  if (settings.source === 'segment' && !settings.segmentId) {
    throw new AppError('bad_request', 'Choose the segment to import (import.segmentId).', [
      { path: 'import.segmentId', message: 'is required when import.source is "segment"' },
    ])
  }
  const lastStart = await lastSucceededStart(ctx.db, input.workspaceId, campaign.id)
  const wanted = input.kind ?? (settings.mode === 'ongoing' ? 'incremental' : 'full')
  const kind = wanted === 'incremental' && lastStart ? 'incremental' : 'full'
  const since =
    kind === 'incremental' && lastStart
      ? new Date(lastStart.getTime() - INCREMENTAL_MARGIN_MS)
      : null
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('sync_runs')
      .values({
        workspace_id: input.workspaceId,
        campaign_id: campaign.id,
        kind,
        source: settings.source,
        segment_id: settings.source === 'segment' ? settings.segmentId : null,
        since,
        cursor: null,
        total: null,
        error: null,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('campaign_id').where('status', '=', 'running').doNothing())
      .returningAll()
      .executeTakeFirst()
    if (!inserted) {
      const running = await trx
        .selectFrom('sync_runs')
        .selectAll()
        .where('workspace_id', '=', input.workspaceId)
        .where('campaign_id', '=', campaign.id)
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow()
      return toSyncRun(running)
    }
    if (ctx.jobs) await enqueueSyncPage(ctx.jobs, inserted.id, { trx })
    return toSyncRun(inserted)
  })
}

