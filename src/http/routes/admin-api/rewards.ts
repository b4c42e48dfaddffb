import { z } from 'zod'
import { listRewards } from '../../../ledger/admin/listings.js'
import { decideReward } from '../../../ledger/rewards.js'
import { actorOf } from './actor.js'
import { type AdminApi } from './api-route.js'
import { approveRewardFor } from './integrations.js'
import { pageOf, pageQuery, rewardSchema, rewardStatus, uuid, workspaceParams } from './schemas.js'
import { rewardView } from './views.js'
import { viewById } from './view-by-id.js'

const rewardParams = workspaceParams.extend({ rewardId: uuid })
const decided = rewardSchema.extend({ changed: z.boolean() })

const viewOf = viewById(listRewards, rewardView, 'reward')

export function rewardRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/rewards'

  // GET /api/v1/workspaces/:workspaceId/rewards - by status; `pending` is the review queue
  api.route(
    {
      method: 'get',
      path: base,
      operationId: 'listRewards',
      summary: 'List rewards (cursor pagination)',
      tag: 'rewards',
      params: workspaceParams,
      query: pageQuery.extend({ status: rewardStatus.optional() }),
      response: pageOf(rewardSchema),
    },
    async ({ workspace, query }) => {
      const page = await listRewards(ctx.db, workspace.id, query)
      return { items: page.items.map(rewardView), nextCursor: page.nextCursor }
    },
  )

  // GET /api/v1/workspaces/:workspaceId/rewards/:rewardId - one reward
  api.route(
    {
      method: 'get',
      path: `${base}/:rewardId`,
      operationId: 'getReward',
      summary: 'Show a reward',
      tag: 'rewards',
      params: rewardParams,
      response: rewardSchema,
    },
    async ({ workspace, params }) => viewOf(ctx, workspace.id, params.rewardId),
  )

  // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/approve - approve (fulfilment follows)
  api.route(
    {
      method: 'post',
      path: `${base}/:rewardId/approve`,
      operationId: 'approveReward',
      summary: 'Approve a pending reward',
      tag: 'rewards',
      params: rewardParams,
      body: z.object({ reason: z.string().trim().max(500).optional() }),
      response: decided,
    },
    async ({ workspace, params, body, principal }) => {
      const result = await approveRewardFor(ctx, {
        workspaceId: workspace.id,
        rewardId: params.rewardId,
        reason: body.reason ?? null,
        actor: actorOf(principal),
      })
      return { ...(await viewOf(ctx, workspace.id, params.rewardId)), changed: result.changed }
    },
  )

  for (const [action, to, reasonRequired] of [
    ['decline', 'declined', true],
    ['fulfil', 'fulfilled', false],
  ] as const) {
    // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/{decline,fulfil} - decide a reward
    api.route(
      {
        method: 'post',
        path: `${base}/:rewardId/${action}`,
        operationId: `${action}Reward`,
        summary: action === 'decline' ? 'Decline a reward' : 'Mark a reward fulfilled',
        tag: 'rewards',
        params: rewardParams,
        body: z.object({
          reason: reasonRequired
            ? z.string().trim().min(1, 'is required').max(500)
            : z.string().trim().max(500).optional(),
        }),
        response: decided,
      },
      async ({ workspace, params, body, principal }) => {
        const result = await decideReward(ctx.db, {
          workspaceId: workspace.id,
          rewardId: params.rewardId,
          to,
          reason: body.reason ?? null,
          actor: actorOf(principal),
        })
        return { ...(await viewOf(ctx, workspace.id, params.rewardId)), changed: result.changed }
      },
    )
  }
}
