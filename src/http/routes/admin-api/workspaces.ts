import { z } from 'zod'
import { findWorkspace, listWorkspaces } from '../../../ledger/workspaces.js'
import type { AdminApi } from './api-route.js'
import { workspaceSchema } from './schemas.js'

export function workspaceRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces - the workspaces the caller may see (an admin session: its own)
  api.route(
    {
      method: 'get',
      path: '/workspaces',
      operationId: 'listWorkspaces',
      summary: 'List workspaces',
      tag: 'workspaces',
      response: z.object({ items: z.array(workspaceSchema) }),
    },
    async ({ principal }) => {
      if (principal.kind === 'operator') return { items: await listWorkspaces(ctx.db) }
      const own = await findWorkspace(ctx.db, principal.workspaceId)
      return { items: own ? [own] : [] }
    },
  )

  // GET /api/v1/workspaces/:workspaceId - one workspace
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId',
      operationId: 'getWorkspace',
      summary: 'Show a workspace',
      tag: 'workspaces',
      response: workspaceSchema,
    },
    async ({ workspace }) => workspace,
  )
}
