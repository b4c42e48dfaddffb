import type { AppContext } from '../../../context.js'
import { listRewards } from '../../../ledger/admin/listings.js'
import { decideReward } from '../../../ledger/rewards.js'
import type { AdminApi } from './api-route.js'
import { type DecisionInput, decisionRoutes } from './decision-routes.js'
import { approveRewardFor } from './integrations.js'
import { ledgerResourceRoutes } from './ledger-resource.js'
import { rewardDeliveryRoutes } from './reward-delivery.js'
import { pageQuery, rewardSchema, rewardStatus } from './schemas.js'
import { rewardView } from './views.js'

/** Declining and marking fulfilled are ledger transitions alone; approval also queues fulfilment. */
function decideTo(to: 'declined' | 'fulfilled') {
  return (ctx: AppContext, { id, ...input }: DecisionInput) =>
    decideReward(ctx.db, { ...input, rewardId: id, to })
}

export function rewardRoutes(api: AdminApi): void {
  // GET /api/v1/workspaces/:workspaceId/rewards - by status; `pending` is the review queue
  // GET /api/v1/workspaces/:workspaceId/rewards/:rewardId - one reward
  const rewards = ledgerResourceRoutes(api, {
    noun: 'reward',
    schema: rewardSchema,
    listQuery: pageQuery.extend({ status: rewardStatus.optional() }),
    listing: listRewards,
    view: rewardView,
    summaries: { list: 'List rewards (cursor pagination)', show: 'Show a reward' },
  })

  // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/approve - approve (fulfilment follows)
  // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/decline - with a reason
  // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/fulfil - mark it fulfilled
  decisionRoutes(api, rewards, [
    {
      action: 'approve',
      summary: 'Approve a pending reward',
      reasonRequired: false,
      decide: (ctx, { id, ...input }) => approveRewardFor(ctx, { ...input, rewardId: id }),
    },
    {
      action: 'decline',
      summary: 'Decline a reward',
      reasonRequired: true,
      decide: decideTo('declined'),
    },
    {
      action: 'fulfil',
      summary: 'Mark a reward fulfilled',
      reasonRequired: false,
      decide: decideTo('fulfilled'),
    },
  ])
  // POST /api/v1/workspaces/:workspaceId/rewards/:rewardId/retry-delivery - after a failed delivery
  rewardDeliveryRoutes(api, rewards)
}
