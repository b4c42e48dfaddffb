import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { startImport } from '../../../sync/start-import.js'
import type { SyncRun } from '../../../sync/sync-run.js'
import { getSyncRun, listSyncRuns } from '../../../sync/sync-runs.js'
import type { AdminApi } from './api-route.js'
import { iso, isoOf, uuid, workspaceParams } from './schemas.js'

export const syncRunSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  kind: z.enum(['full', 'incremental']),
  status: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  source: z.string(),
  segmentId: z.string().nullable(),
  since: iso.nullable(),
  pages: z.number().int(),
  imported: z.number().int(),
  skipped: z.number().int(),
  error: z.string().nullable(),
  startedAt: iso,
  updatedAt: iso,
  finishedAt: iso.nullable(),
  progress: z.object({
    done: z.number().int(),
    total: z.number().int().nullable(),
    percent: z.number().nullable(),
    ratePerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
  }),
})

export function syncRunView(run: SyncRun) {
  return {
    ...run,
    since: isoOf(run.since),
    startedAt: isoOf(run.startedAt),
    updatedAt: isoOf(run.updatedAt),
    finishedAt: isoOf(run.finishedAt),
  }
}

export function syncRunRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/sync-runs'

  // GET /api/v1/workspaces/:workspaceId/sync-runs - contact import runs, newest first
  api.route(
    {
      method: 'get',
      path: base,
      operationId: 'listSyncRuns',
      summary: 'List sync runs with progress',
      tag: 'sync-runs',
      params: workspaceParams,
      query: z.object({
        campaignId: uuid.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: z.object({ items: z.array(syncRunSchema) }),
    },
    async ({ workspace, query }) => ({
      items: (await listSyncRuns(ctx.db, workspace.id, query)).map(syncRunView),
    }),
  )

  // POST /api/v1/workspaces/:workspaceId/sync-runs - start an import (or get the running one)
  api.route(
    {
      method: 'post',
      path: base,
      operationId: 'startSyncRun',
      summary: 'Start a contact import (returns the running one if any)',
      tag: 'sync-runs',
      params: workspaceParams,
      body: z.object({
        campaignId: uuid.optional(),
        kind: z.enum(['full', 'incremental']).optional(),
      }),
      response: syncRunSchema,
      status: 202,
    },
    async ({ workspace, body }) =>
      syncRunView(
        await startImport(ctx, {
          workspaceId: workspace.id,
          campaignId: body.campaignId ?? null,
          kind: body.kind,
        }),
      ),
  )

  // GET /api/v1/workspaces/:workspaceId/sync-runs/:runId - one run and its progress
  api.route(
    {
      method: 'get',
      path: `${base}/:runId`,
      operationId: 'getSyncRun',
      summary: 'Show a sync run',
      tag: 'sync-runs',
      params: workspaceParams.extend({ runId: uuid }),
      response: syncRunSchema,
    },
    async ({ workspace, params }) => {
      const run = await getSyncRun(ctx.db, workspace.id, params.runId)
      if (!run) throw new AppError('not_found', 'That sync run was not found.')
      return syncRunView(run)
    },
  )
}
