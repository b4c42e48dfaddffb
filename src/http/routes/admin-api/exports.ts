import { z } from 'zod'
import { EXPORT_KINDS, exportCsv } from '../../../export/export-csv.js'
import type { AdminApi } from './api-route.js'
import { workspaceParams } from './schemas.js'

export function exportRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces/:workspaceId/exports/{referrers,referrals,rewards,payouts,sync-runs}.csv
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/exports/:kind.csv',
      operationId: 'exportCsv',
      summary: 'CSV of every referrer, referral, reward, payout or sync run, streamed page by page',
      tag: 'exports',
      params: workspaceParams.extend({ kind: z.enum(EXPORT_KINDS) }),
      produces: 'text/csv',
    },
    async ({ workspace, params, res }) => {
      res.status(200)
      res.setHeader('Content-Type', 'text/csv; charset=utf-8')
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${params.kind}-${workspace.id}.csv"`,
      )
      res.setHeader('Cache-Control', 'no-store')
      try {
        await exportCsv(ctx.db, workspace.id, params.kind, res)
        res.end()
      } catch (error) {
        // Headers are gone once rows flowed: cut the response so the client sees it incomplete.
        res.locals.log?.warn({ err: error }, 'CSV export stopped')
        res.destroy()
      }
    },
  )
}
