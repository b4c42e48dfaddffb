import type { PayoutStatus } from '../../../db/tables/payouts.js'
import { getCampaign } from '../../ledger/campaigns.js'
import type { Trx } from '../../ledger/db-types.js'
import { recordEvent } from '../../ledger/events.js'
import { ruleIdOfKey } from '../reward-plan.js'
import type { Reward } from '../../ledger/rewards.js'
import { exceedsBudget } from './payout-budget.js'
import type { EnqueuePayout } from './payout-queue.js'

export const PAYOUT_ACTOR = { type: 'system', id: 'reward-payout' } as const

/**
 * The one payout of an approved payout reward, created inside the approving transaction: the
 * unique (workspace, reward) row makes a second approval, a redelivery or a second instance a
 * no-op. It goes on the queue at once, or waits: for an admin when it would pass a monthly
 * budget, for the referrer when PayPal has no address they confirmed.
 */
export async function requestPayoutIn(
  trx: Trx,
  enqueue: EnqueuePayout,
  reward: Reward,
): Promise<{ payoutId: string; status: PayoutStatus } | null> {
  if (reward.kind !== 'payout' || reward.amountMinor === null || !reward.currency) return null
  const row = await trx
    .selectFrom('rewards')
    .innerJoin('participants', 'participants.id', 'rewards.participant_id')
    .select(['rewards.idempotency_key', 'participants.email', 'participants.name'])
    .where('rewards.workspace_id', '=', reward.workspaceId)
    .where('rewards.id', '=', reward.id)
    .executeTakeFirstOrThrow()
  const campaign = await getCampaign(trx, reward.workspaceId, reward.campaignId)
  const ruleId = ruleIdOfKey(row.idempotency_key)
  const rule = campaign.settings.rewards.rules.find((r) => r.id === ruleId)
  if (!rule?.payoutProvider) return null

  let recipientEmail = row.email
  let status: PayoutStatus = 'requested'
  let reason: string | null = null
  let notBefore: Date | null = null
  if (rule.payoutProvider === 'paypal') {
    const address = await trx
      .selectFrom('payout_addresses')
      .selectAll()
      .where('workspace_id', '=', reward.workspaceId)
      .where('participant_id', '=', reward.participantId)
      .executeTakeFirst()
    recipientEmail = address?.email ?? null
    if (!address) {
      status = 'awaiting_address'
      reason = 'waiting for the referrer to confirm their PayPal address'
    } else if (address.paused_until && address.paused_until.getTime() > Date.now()) {
      notBefore = address.paused_until
    }
  }
  let overBudget = false
  if (status === 'requested') {
    reason = await exceedsBudget(trx, {
      workspaceId: reward.workspaceId,
      campaignId: reward.campaignId,
      amountMinor: reward.amountMinor,
      currency: reward.currency,
    })
    if (reason) {
      status = 'awaiting_approval'
      overBudget = true
    }
  }
  const inserted = await trx
    .insertInto('payouts')
    .values({
      workspace_id: reward.workspaceId,
      reward_id: reward.id,
      campaign_id: reward.campaignId,
      participant_id: reward.participantId,
      provider: rule.payoutProvider,
      status,
      amount_minor: reward.amountMinor,
      currency: reward.currency,
      recipient_email: recipientEmail,
      recipient_name: row.name,
      product: rule.payoutProduct,
      product_name: rule.payoutProductName,
      delivery: rule.payoutDelivery ?? 'email',
      over_budget: overBudget,
      last_error: reason,
      not_before: notBefore,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'reward_id']).doNothing())
    .returning(['id'])
    .executeTakeFirst()
  if (!inserted) return null
  await recordEvent(trx, {
    workspaceId: reward.workspaceId,
    type: status === 'requested' ? 'payout.requested' : 'payout.waiting',
    subject: { type: 'reward', id: reward.id },
    actor: PAYOUT_ACTOR,
    data: {
      payoutId: inserted.id,
      provider: rule.payoutProvider,
      amountMinor: reward.amountMinor,
      currency: reward.currency,
      ...(reason ? { reason } : {}),
    },
  })
  if (status === 'requested') {
    await enqueue(
      { workspaceId: reward.workspaceId, payoutId: inserted.id },
      { trx, ...(notBefore ? { startAfter: notBefore } : {}) },
    )
  }
  return { payoutId: inserted.id, status }
}
