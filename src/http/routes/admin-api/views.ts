import type {
  ReferralListing,
  ReferrerListing,
  RewardDelivery,
} from '../../../ledger/admin/listings.js'
import type { Reward } from '../../../ledger/rewards.js'
import { isoOf } from './schemas.js'

// Domain values → wire shapes (dates as ISO strings).

export function referrerView(r: ReferrerListing) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    participantId: r.participantId,
    contactId: r.contactId,
    email: r.email,
    name: r.name,
    code: r.code,
    source: r.source,
    referralCount: r.referralCount,
    pendingCount: r.pendingCount,
    convertedCount: r.convertedCount,
    rejectedCount: r.rejectedCount,
    clickCount: r.clickCount,
    lastReferralAt: isoOf(r.lastReferralAt),
    createdAt: isoOf(r.createdAt),
  }
}

export function referralView(r: ReferralListing) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    referrerId: r.referrerId,
    referrerCode: r.referrerCode,
    referrerEmail: r.referrerEmail,
    friendParticipantId: r.friendParticipantId,
    friendEmail: r.friendEmail,
    friendName: r.friendName,
    source: r.source,
    status: r.status,
    statusReason: r.statusReason,
    reviewReason: r.reviewReason,
    createdAt: isoOf(r.createdAt),
    qualifiedAt: isoOf(r.qualifiedAt),
    rejectedAt: isoOf(r.rejectedAt),
  }
}

export function rewardView(
  r: Reward & {
    recipientEmail?: string | null
    recipientName?: string | null
    delivery?: RewardDelivery | null
  },
) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    referralId: r.referralId,
    participantId: r.participantId,
    recipientRole: r.recipientRole,
    recipientEmail: r.recipientEmail ?? null,
    recipientName: r.recipientName ?? null,
    kind: r.kind,
    amountMinor: r.amountMinor,
    currency: r.currency,
    points: r.points,
    couponCode: r.couponCode,
    description: r.description,
    status: r.status,
    statusReason: r.statusReason,
    createdAt: isoOf(r.createdAt),
    approvedAt: isoOf(r.approvedAt),
    fulfilledAt: isoOf(r.fulfilledAt),
    declinedAt: isoOf(r.declinedAt),
    delivery: r.delivery
      ? { ...r.delivery, failedAt: isoOf(r.delivery.failedAt) }
      : null,
  }
}
