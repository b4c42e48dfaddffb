import { z } from 'zod'
import { campaignAnalytics, dayRange, lastDays } from '../../../ledger/admin/analytics.js'
import {
  isKnownTimeZone,
  setWorkspaceTimeZone,
  workspaceTimeZone,
} from '../../../ledger/workspace-time-zone.js'
import { actorOf } from './actor.js'
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
      .describe('whole days up to today, in the workspace\'s time zone'),
    from: day.optional().describe('first day (YYYY-MM-DD), with `to`; wins over `days`'),
    to: day.optional().describe('last day, included'),
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
    async ({ workspace, query }) => {
      const zone = await workspaceTimeZone(ctx.db, workspace.id)
      return campaignAnalytics(ctx.db, workspace.id, {
        ...(query.from && query.to
          ? dayRange(query.from, query.to, zone)
          : lastDays(query.days, new Date(), zone)),
        campaignId: query.campaignId ?? null,
      })
    },
  )

  // PUT /api/v1/workspaces/:workspaceId/time-zone - the zone its days are counted in
  api.route(
    {
      method: 'put',
      path: '/workspaces/:workspaceId/time-zone',
      operationId: 'setWorkspaceTimeZone',
      summary: 'Set the time zone the workspace\'s analytics days are counted in',
      tag: 'analytics',
      params: workspaceParams,
      body: z.object({
        timeZone: z
          .string()
          .trim()
          .refine(isKnownTimeZone, 'Choose a time zone from the list.')
          .describe('an IANA time zone name, e.g. Europe/Berlin, or UTC'),
      }),
      response: z.object({ timeZone: z.string(), changed: z.boolean() }),
    },
    async ({ workspace, body, principal }) => {
      const { changed } = await setWorkspaceTimeZone(ctx.db, {
        workspaceId: workspace.id,
        timeZone: body.timeZone,
        actor: actorOf(principal),
      })
      return { timeZone: body.timeZone, changed }
    },
  )
}
