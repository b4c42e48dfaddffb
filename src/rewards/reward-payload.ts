import { minorUnitDigits } from '../ledger/reward-amounts.js'
import { type Reward } from '../ledger/rewards.js'

export interface Recipient {
  readonly contactId: string | null
  readonly email: string | null
  readonly name: string | null
}

/** The JSON a fulfilment webhook carries: enough for the receiving system to pay out. */
export function fulfilmentPayload(reward: Reward, recipient: Recipient) {
  return {
    type: 'reward.approved',
    workspace_id: reward.workspaceId,
    reward: {
      id: reward.id,
      campaign_id: reward.campaignId,
      referral_id: reward.referralId,
      recipient_role: reward.recipientRole,
      kind: reward.kind,
      amount_minor: reward.amountMinor,
      currency: reward.currency,
      points: reward.points,
      coupon_code: reward.couponCode,
      description: reward.description,
      status: reward.status,
      created_at: reward.createdAt.toISOString(),
      approved_at: reward.approvedAt?.toISOString() ?? null,
    },
    recipient: { contact_id: recipient.contactId, email: recipient.email, name: recipient.name },
  }
}

/** Intercom event metadata: flat, at most 10 keys, no nulls (platform notes §5.5). */
export function rewardEventMetadata(reward: Reward): Record<string, string | number> {
  const metadata: Record<string, string | number> = {
    kind: reward.kind,
    reward_id: reward.id,
    recipient: reward.recipientRole,
  }
  if (reward.amountMinor !== null && reward.currency) {
    metadata.amount = reward.amountMinor / 10 ** minorUnitDigits(reward.currency)
    metadata.currency = reward.currency
  }
  if (reward.points !== null) metadata.points = reward.points
  if (reward.couponCode) metadata.coupon = reward.couponCode
  if (reward.referralId) metadata.referral_id = reward.referralId
  return metadata
}
