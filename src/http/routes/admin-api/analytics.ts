import { z } from 'zod'
import { campaignAnalytics, dayRange, lastDays } from '../../../ledger/admin/analytics.js'
import type { AdminApi } from './api-route.js'
import { analyticsSchema, uuid, workspaceParams } from './schemas.js'

const day = z.iso.date()

export const analyticsQuery = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(1)
      .max(366)
      .default(30)
      .describe('whole UTC days, up to today'),
    from: day.optional().describe('first UTC day (YYYY-MM-DD), with `to`; wins over `days`'),
    to: day.optional().describe('last UTC day, included'),
    campaignId: uuid.optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'Give both from and to, or neither.',
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || rangeDays(q.from, q.to) >= 1, {
    message: 'The range ends before it starts.',
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || rangeDays(q.from, q.to) <= 366, {
    message: 'A range is at most 366 days.',
    path: ['to'],
  })

/** Days from one date to another, both included. */
export function rangeDays(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1
}

export function analyticsRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces/:workspaceId/analytics - totals, leaderboard, sources, daily series
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/analytics',
      operationId: 'getAnalytics',
      summary:
        'Clicks, sign-ups, qualified, conversion, rewards, leaderboard, sources, series, funnel, campaigns, revenue, share channels',
      tag: 'analytics',
      params: workspaceParams,
      query: analyticsQuery,
      response: analyticsSchema,
    },
    async ({ workspace, query }) =>
      campaignAnalytics(ctx.db, workspace.id, {
        ...(query.from && query.to ? dayRange(query.from, query.to) : lastDays(query.days)),
        campaignId: query.campaignId ?? null,
      }),
  )
}
