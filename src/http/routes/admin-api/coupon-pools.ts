import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { getDefaultCampaign } from '../../../ledger/campaigns.js'
import { listCouponPools, poolStatus, uploadCoupons } from '../../../rewards/reward-coupons.js'
import type { AdminApi } from './api-route.js'
import { couponCodes, couponPoolName } from './coupon-schemas.js'
import { uuid, workspaceParams } from './schemas.js'

const poolSchema = z.object({
  pool: z.string(),
  total: z.number().int(),
  available: z.number().int(),
  drawn: z.number().int(),
})
const poolName = couponPoolName

export function couponPoolRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/coupon-pools'

  // GET /api/v1/workspaces/:workspaceId/coupon-pools - a campaign's pools and remaining codes
  api.route(
    {
      method: 'get',
      path: base,
      operationId: 'listCouponPools',
      summary: 'Coupon pools of a campaign (default campaign when omitted)',
      tag: 'coupon-pools',
      params: workspaceParams,
      query: z.object({ campaignId: uuid.optional() }),
      response: z.object({ items: z.array(poolSchema) }),
    },
    async ({ workspace, query }) => ({
      items: await listCouponPools(ctx.db, {
        workspaceId: workspace.id,
        campaignId: query.campaignId ?? null,
      }),
    }),
  )

  // GET /api/v1/workspaces/:workspaceId/coupon-pools/:pool - one pool's counts
  api.route(
    {
      method: 'get',
      path: `${base}/:pool`,
      operationId: 'getCouponPool',
      summary: 'One coupon pool',
      tag: 'coupon-pools',
      params: workspaceParams.extend({ pool: poolName }),
      query: z.object({ campaignId: uuid.optional() }),
      response: poolSchema,
    },
    async ({ workspace, params, query }) => {
      const campaign = query.campaignId ?? (await defaultCampaignId(ctx, workspace.id))
      return poolStatus(ctx.db, {
        workspaceId: workspace.id,
        campaignId: campaign,
        pool: params.pool,
      })
    },
  )

  // POST /api/v1/workspaces/:workspaceId/coupon-pools/:pool/codes - add codes (repeats skipped)
  api.route(
    {
      method: 'post',
      path: `${base}/:pool/codes`,
      operationId: 'uploadCoupons',
      summary: 'Upload coupon codes to a pool',
      tag: 'coupon-pools',
      params: workspaceParams.extend({ pool: poolName }),
      body: z.object({
        campaignId: uuid.optional(),
        codes: couponCodes,
      }),
      response: z.object({
        added: z.number().int(),
        skipped: z.number().int(),
        status: poolSchema,
      }),
      status: 201,
    },
    async ({ workspace, params, body }) =>
      uploadCoupons(ctx.db, {
        workspaceId: workspace.id,
        campaignId: body.campaignId ?? (await defaultCampaignId(ctx, workspace.id)),
        pool: params.pool,
        codes: body.codes,
      }),
  )
}

async function defaultCampaignId(ctx: AppContext, workspaceId: string): Promise<string> {
  return (await getDefaultCampaign(ctx.db, workspaceId)).id
}
