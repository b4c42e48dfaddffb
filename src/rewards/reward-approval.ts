import { sql } from 'kysely'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { listen, listenerChannel, listenersOf } from '../ledger/listeners.js'
import { InvalidTransitionError } from '../ledger/errors.js'
import { drawCoupon } from './reward-coupons.js'
import { ruleIdOfKey } from './reward-plan.js'
import { decideRewardIn, lockReward, type Reward } from '../ledger/rewards.js'
import type { Actor } from '../ledger/types.js'

export type ApprovedListener = (trx: Trx, reward: Reward) => Promise<void>
const REWARD_APPROVED = listenerChannel<ApprovedListener>('reward approved')

/** Fulfilment subscribes here; listeners run inside the transaction that approved the reward. */
export function onRewardApproved(db: Db, listener: ApprovedListener): () => void {
  return listen(db, REWARD_APPROVED, listener)
}

export async function notifyRewardApproved(trx: Trx, reward: Reward): Promise<void> {
  for (const listener of listenersOf(trx, REWARD_APPROVED)) await listener(trx, reward)
}

export const COUPON_POOL_EMPTY = 'coupon pool empty'

/**
 * pending → approved inside the caller's transaction. A coupon reward still waiting for a code
 * draws one first; with the pool still empty the approval is refused rather than approving a
 * reward there is nothing to hand out for.
 */
export async function approveRewardIn(
  trx: Trx,
  input: { workspaceId: string; rewardId: string; actor: Actor; reason?: string | null },
): Promise<{ reward: Reward; changed: boolean }> {
  const row = await lockReward(trx, input.workspaceId, input.rewardId)
  if (row.status === 'pending' && row.hold_until && row.hold_until.getTime() > Date.now()) {
    throw new InvalidTransitionError(
      `This reward was earned from a payment and is on hold until ${row.hold_until.toISOString().slice(0, 10)}, while a refund could still cancel it.`,
    )
  }
  if (row.status === 'pending' && row.kind === 'coupon' && !row.coupon_code) {
    const pool = await couponPoolOf(trx, row.workspace_id, row.campaign_id, row.idempotency_key)
    const code = pool
      ? await drawCoupon(trx, {
          workspaceId: row.workspace_id,
          campaignId: row.campaign_id,
          pool,
          rewardId: row.id,
        })
      : null
    if (!code) throw new InvalidTransitionError('The coupon pool is empty: upload codes first.')
    if (row.status_reason === COUPON_POOL_EMPTY) {
      await trx
        .updateTable('rewards')
        .set({ status_reason: null, updated_at: sql<Date>`now()` })
        .where('id', '=', row.id)
        .execute()
    }
  }
  const decided = await decideRewardIn(trx, {
    workspaceId: input.workspaceId,
    rewardId: row.id,
    to: 'approved',
    reason: input.reason ?? null,
    actor: input.actor,
  })
  if (decided.changed) await notifyRewardApproved(trx, decided.reward)
  return decided
}

/** The pool of the rule that issued a coupon reward (the rule id is part of its key). */
async function couponPoolOf(
  trx: Trx,
  workspaceId: string,
  campaignId: string,
  idempotencyKey: string,
): Promise<string | null> {
  const ruleId = ruleIdOfKey(idempotencyKey)
  if (!ruleId) return null
  const campaign = await getCampaign(trx, workspaceId, campaignId)
  return campaign.settings.rewards.rules.find((rule) => rule.id === ruleId)?.couponPool ?? null
}
