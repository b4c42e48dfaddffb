import type { Reward } from '../ledger/rewards.js'

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
