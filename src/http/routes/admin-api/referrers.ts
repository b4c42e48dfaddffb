import { z } from 'zod'
import { searchReferrers } from '../../../ledger/admin/listings.js'
import { type AdminApi } from './api-route.js'
import { pageOf, pageQuery, referrerSchema, uuid, workspaceParams } from './schemas.js'
import { referrerView } from './views.js'
import { viewById } from './view-by-id.js'

const viewOf = viewById(searchReferrers, referrerView, 'referrer')

const listQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('part of an email, code or name'),
  campaignId: uuid.optional(),
})

export function referrerRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces/:workspaceId/referrers - search by email, code or name; newest first
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/referrers',
      operationId: 'listReferrers',
      summary: 'Search referrers (cursor pagination)',
      tag: 'referrers',
      params: workspaceParams,
      query: listQuery,
      response: pageOf(referrerSchema),
    },
    async ({ workspace, query }) => {
      const page = await searchReferrers(ctx.db, workspace.id, query)
      return { items: page.items.map(referrerView), nextCursor: page.nextCursor }
    },
  )

  // GET /api/v1/workspaces/:workspaceId/referrers/:referrerId - one referrer with counters
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/referrers/:referrerId',
      operationId: 'getReferrer',
      summary: 'Show a referrer',
      tag: 'referrers',
      params: workspaceParams.extend({ referrerId: uuid }),
      response: referrerSchema,
    },
    async ({ workspace, params }) => viewOf(ctx, workspace.id, params.referrerId),
  )
}
