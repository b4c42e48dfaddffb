import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { retryRewardDelivery } from '../../../rewards/delivery-retry.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import type { LedgerResource } from './ledger-resource.js'
import type { rewardSchema } from './schemas.js'

const OUTCOME = {
  requested: 'requested',
  'already-requested': 'already_requested',
  'in-progress': 'in_progress',
} as const

/**
 * POST …/rewards/:rewardId/retry-delivery: one more delivery attempt of an approved reward whose
 * delivery failed (src/rewards/delivery-retry.ts). Asking twice queues it once: the second answer
 * says `already_requested`.
 */
export function rewardDeliveryRoutes(
  api: AdminApi,
  rewards: LedgerResource<typeof rewardSchema>,
): void {
  const { ctx } = api
  api.route(
    {
      method: 'post',
      path: `${rewards.one}/retry-delivery`,
      operationId: 'retryRewardDelivery',
      summary: 'Try delivering a reward again after its delivery failed',
      tag: rewards.tag,
      params: rewards.oneParams,
      response: rewards.schema.extend({
        outcome: z
          .enum(['requested', 'already_requested', 'in_progress'])
          .describe(
            'requested: another attempt is queued; already_requested: one was asked for and has not finished; in_progress: an attempt is running now',
          ),
      }),
      conflict: 'the reward is not an approved reward whose delivery failed',
    },
    async ({ workspace, params, principal }) => {
      const rewardId = rewards.idOf(params)
      if (!ctx.jobs) {
        throw new AppError('unavailable', 'Rewards are not delivered by this server right now.')
      }
      const outcome = await retryRewardDelivery(ctx.db, ctx.jobs, {
        workspaceId: workspace.id,
        rewardId,
        actor: actorOf(principal),
      })
      if (outcome.kind === 'not-found') throw new AppError('not_found', 'That reward was not found.')
      if (outcome.kind === 'nothing-to-retry') {
        throw new AppError(
          'conflict',
          outcome.status === 'approved'
            ? 'This reward’s delivery has not failed: there is nothing to retry.'
            : 'This reward is no longer waiting to be delivered: there is nothing to retry.',
        )
      }
      return {
        ...(await rewards.viewOf(ctx, workspace.id, rewardId)),
        outcome: OUTCOME[outcome.kind],
      }
    },
  )
}
