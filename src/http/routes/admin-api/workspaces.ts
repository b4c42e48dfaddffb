import { type Router } from 'express'
import { z } from 'zod'
import { type AppContext } from '../../../context.js'
import { findWorkspace, listWorkspaces } from '../../../ledger/workspaces.js'
import { type ApiRegistry, apiRoute } from './api-route.js'
import { workspaceSchema } from './schemas.js'

export function workspaceRoutes(router: Router, registry: ApiRegistry, ctx: AppContext): void {
  // GET /api/v1/workspaces - the workspaces the caller may see (an admin session: its own)
  apiRoute(
    router,
    registry,
    ctx,
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
  apiRoute(
    router,
    registry,
    ctx,
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
