import type { AppContext } from '../context.js'
import { approveRewardIn } from './reward-approval.js'
import type { Reward } from '../ledger/rewards.js'
import type { Actor } from '../ledger/types.js'

/**
 * An admin approves a waiting reward: approved, and its fulfilment enqueued, in one transaction
 * (the fulfilment worker's onRewardApproved listener does the enqueueing).
 */
export async function approveReward(
  ctx: Pick<AppContext, 'db'>,
  input: { workspaceId: string; rewardId: string; actor: Actor; reason?: string | null },
): Promise<{ reward: Reward; changed: boolean }> {
  return ctx.db.transaction().execute((trx) => approveRewardIn(trx, input))
}
