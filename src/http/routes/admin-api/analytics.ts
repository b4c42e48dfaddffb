import { z } from 'zod'
import { campaignAnalytics, lastDays } from '../../../ledger/admin/analytics.js'
import type { AdminApi } from './api-route.js'
import { analyticsSchema, uuid, workspaceParams } from './schemas.js'

export const analyticsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30).describe('whole UTC days, up to today'),
  campaignId: uuid.optional(),
})

export function analyticsRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces/:workspaceId/analytics - totals, leaderboard, sources, daily series
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/analytics',
      operationId: 'getAnalytics',
      summary: 'Clicks, sign-ups, qualified, conversion, rewards, leaderboard, sources, series',
      tag: 'analytics',
      params: workspaceParams,
      query: analyticsQuery,
      response: analyticsSchema,
    },
    async ({ workspace, query }) =>
      campaignAnalytics(ctx.db, workspace.id, {
        ...lastDays(query.days),
        campaignId: query.campaignId ?? null,
      }),
  )
}
