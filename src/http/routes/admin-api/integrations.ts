import type { AppContext } from '../../../context.js'
import { syncDataAttributes } from '../../../intercom/data-attributes.js'
import { forgetWorkspaceCatalog } from '../../../intercom/workspace-catalog.js'
import type { Actor } from '../../../ledger/types.js'
import { approveReward } from '../../../rewards/approve-reward.js'

/**
 * After a campaign's attribute names change: create any missing Intercom data attributes. The
 * settings are already saved, so an unreachable Intercom is logged, not an error for the admin.
 */
export async function afterAttributeMappingChange(
  ctx: AppContext,
  workspaceId: string,
): Promise<void> {
  try {
    await syncDataAttributes(ctx, workspaceId)
    forgetWorkspaceCatalog(ctx, workspaceId)
  } catch (error) {
    ctx.logger.warn({ err: error, workspaceId }, 'could not create Intercom data attributes')
  }
}

/** Approves a reward; approveReward also enqueues its fulfilment in the same transaction. */
export async function approveRewardFor(
  ctx: AppContext,
  input: { workspaceId: string; rewardId: string; reason: string | null; actor: Actor },
): Promise<{ changed: boolean }> {
  const result = await approveReward(ctx, input)
  return { changed: result.changed }
}
