import { type Router } from 'express'
import { type AppContext } from '../../../context.js'
import { type ApiRegistry } from './api-route.js'
import { notAvailableRoute } from './not-available.js'
import { uuid, workspaceParams } from './schemas.js'

export function syncRunRoutes(router: Router, registry: ApiRegistry, _ctx: AppContext): void {
  // GET /api/v1/workspaces/:workspaceId/sync-runs - contact import runs, newest first
  notAvailableRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/workspaces/:workspaceId/sync-runs',
      operationId: 'listSyncRuns',
      summary: 'List sync runs',
      tag: 'sync-runs',
      params: workspaceParams,
    },
    'Sync runs',
  )
  notAvailableRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/workspaces/:workspaceId/sync-runs',
      operationId: 'startSyncRun',
      summary: 'Start a contact import',
      tag: 'sync-runs',
      params: workspaceParams,
    },
    'Sync runs',
  )
  notAvailableRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/workspaces/:workspaceId/sync-runs/:runId',
      operationId: 'getSyncRun',
      summary: 'Show a sync run and its progress',
      tag: 'sync-runs',
      params: workspaceParams.extend({ runId: uuid }),
    },
    'Sync runs',
  )
}
