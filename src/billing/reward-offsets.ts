import { sql } from 'kysely'
import type { Trx } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import { decideRewardIn, type Reward } from '../ledger/rewards.js'

const OFFSET = { type: 'system', id: 'billing-adjustments' } as const

/**
 * When a money reward is approved, what its recipient still owes from refunds of rewards they were
 * already paid (same currency) is taken off it first; a reward swallowed whole is settled as
 * fulfilled with nothing left to deliver. Runs inside the approving transaction.
 */
export async function offsetOwedAmounts(trx: Trx, approved: Reward): Promise<void> {
  // Read again: another listener, or an earlier offset, may have changed it in this transaction.
  const current = await trx
    .selectFrom('rewards')
    .select(['amount_minor', 'status'])
    .where('id', '=', approved.id)
    .executeTakeFirst()
  if (!current || current.status !== 'approved') return
  const reward = { ...approved, amountMinor: current.amount_minor }
  if (!reward.amountMinor || !reward.currency) return
  const owed = await trx
    .selectFrom('reward_adjustments')
    .select(['id', 'remaining_minor'])
    .where('workspace_id', '=', reward.workspaceId)
    .where('participant_id', '=', reward.participantId)
    .where('currency', '=', reward.currency)
    .where('remaining_minor', '>', 0)
    .orderBy('created_at')
    .forUpdate()
    .execute()
  if (owed.length === 0) return
  let amount = reward.amountMinor
  const taken: { adjustmentId: string; minor: number }[] = []
  for (const adjustment of owed) {
    if (amount === 0) break
    const take = Math.min(amount, adjustment.remaining_minor)
    amount -= take
    taken.push({ adjustmentId: adjustment.id, minor: take })
    await trx
      .updateTable('reward_adjustments')
      .set((eb) => ({ remaining_minor: eb('remaining_minor', '-', take) }))
      .where('id', '=', adjustment.id)
      .execute()
  }
  await trx
    .updateTable('rewards')
    .set({ amount_minor: amount, updated_at: sql<Date>`now()` })
    .where('id', '=', reward.id)
    .execute()
  await recordEvent(trx, {
    workspaceId: reward.workspaceId,
    type: 'reward.offset',
    subject: { type: 'reward', id: reward.id },
    actor: OFFSET,
    data: { fromMinor: reward.amountMinor, toMinor: amount, currency: reward.currency, taken },
  })
  if (amount === 0) {
    await decideRewardIn(trx, {
      workspaceId: reward.workspaceId,
      rewardId: reward.id,
      to: 'fulfilled',
      reason: 'offset in full against earlier refunds',
      actor: OFFSET,
    })
  }
}
