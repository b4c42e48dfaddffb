import type { Trx } from '../../ledger/db-types.js'
import type { RecordedEvent } from '../../ledger/events.js'
import { majorUnits } from '../../money/format.js'
import {
  referralsAndReferrerCode,
  referrersAndPrimaryCode,
} from '../../ledger/primary-code-joins.js'
import { maskEmail } from '../../ledger/referrer-view.js'
import { translator } from '../../../canvas/i18n/index.js'
import { payoutLine } from '../../../canvas/screens/payout-line.js'

/** The data events other systems rely on, by their fixed names (docs/contracts.md). */
export const DATA_EVENTS = {
  friendJoined: 'referral-friend-joined',
  friendConverted: 'referral-friend-converted',
  milestoneReached: 'referral-milestone-reached',
  rewardIssued: 'referral-reward-issued',
  rewardReversed: 'referral-reward-reversed',
  contestRankChanged: 'referral-contest-rank-changed',
  contestWon: 'referral-contest-won',
  rewardPaid: 'referral-reward-paid',
  linkSent: 'referral-link-sent',
} as const
export type DataEventName = (typeof DATA_EVENTS)[keyof typeof DATA_EVENTS]

export type EventMetadata = Record<string, string | number>

/** One data event owed to one person's Intercom contact. */
export interface OwedEvent {
  readonly eventName: DataEventName
  readonly participantId: string
  readonly metadata: EventMetadata
}

const MILESTONE_KEY = /:milestone:(\d+):/

/** How each kind of ledger event that can owe data events derives them; any other owes none. */
const DERIVE: Record<
  string,
  (trx: Trx, publicUrl: string, event: RecordedEvent) => Promise<OwedEvent[]> | OwedEvent[]
> = {
  'referral.created': referralEvents,
  'referral.qualified': referralEvents,
  'reward.issued': (trx, _url, event) => rewardEvents(trx, event),
  'reward.approved': (trx, _url, event) => rewardEvents(trx, event),
  'reward.reversed': (trx, _url, event) => rewardEvents(trx, event),
  'contest.rank_changed': (_trx, _url, event) => contestEvent(event),
  'contest.won': (_trx, _url, event) => contestEvent(event),
  'payout.sent': (trx, _url, event) => paidEvents(trx, event),
  'referrer.link_resent': linkEvents,
}

/** Whether this kind of ledger event can owe data events at all (no statement needed to say no). */
export function mayOweEvents(event: RecordedEvent): boolean {
  return Object.hasOwn(DERIVE, event.type)
}

/**
 * The data events a ledger event owes, read inside its transaction, so the counts are the ones
 * this change produced (a later change has its own event with its own counts). Referrals held for
 * review (fraud signals, a blocked referrer) tell the referrer nothing until a person decides.
 */
export async function owedEvents(
  trx: Trx,
  publicUrl: string,
  event: RecordedEvent,
): Promise<OwedEvent[]> {
  return mayOweEvents(event) ? DERIVE[event.type]!(trx, publicUrl, event) : []
}

async function referralEvents(
  trx: Trx,
  publicUrl: string,
  event: RecordedEvent,
): Promise<OwedEvent[]> {
  const row = await referralsAndReferrerCode(trx, event.workspaceId)
    .innerJoin('referrers', 'referrers.id', 'referrals.referrer_id')
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .select([
      'referrals.referrer_participant_id',
      'referrals.review_reason',
      'referrers.referral_count',
      'referrers.converted_count',
      'friend.name as friend_name',
      'friend.first_name as friend_first_name',
      'referral_codes.code',
    ])
    .where('referrals.id', '=', event.subject.id)
    .executeTakeFirst()
  if (!row) return []
  const friendName = row.friend_name?.trim() || 'A friend'
  const referralLink = `${publicUrl}/r/${encodeURIComponent(row.code)}`
  if (event.type === 'referral.created') {
    if (row.review_reason) return []
    return [
      {
        eventName: DATA_EVENTS.friendJoined,
        participantId: row.referrer_participant_id,
        metadata: {
          friend_name: friendName,
          referral_count: row.referral_count,
          referral_link: referralLink,
        },
      },
    ]
  }
  return [
    {
      eventName: DATA_EVENTS.friendConverted,
      participantId: row.referrer_participant_id,
      metadata: {
        friend_name: friendName,
        referral_converted_count: row.converted_count,
        referral_link: referralLink,
      },
    },
  ]
}

/** A teammate sent a referrer their link again (ledger/link-resend.ts): the link, on them. */
async function linkEvents(trx: Trx, publicUrl: string, event: RecordedEvent): Promise<OwedEvent[]> {
  const row = await referrersAndPrimaryCode(trx, event.workspaceId)
    .select(['referrers.participant_id', 'referral_codes.code'])
    .where('referrers.id', '=', event.subject.id)
    .executeTakeFirst()
  if (!row) return []
  return [
    {
      eventName: DATA_EVENTS.linkSent,
      participantId: row.participant_id,
      metadata: {
        referral_link: `${publicUrl}/r/${encodeURIComponent(row.code)}`,
        referral_code: row.code,
      },
    },
  ]
}

async function rewardEvents(trx: Trx, event: RecordedEvent): Promise<OwedEvent[]> {
  const reward = await trx
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', event.workspaceId)
    .where('id', '=', event.subject.id)
    .executeTakeFirst()
  if (!reward) return []
  const owed: OwedEvent[] = []
  const money = rewardAmount(reward)
  const base = {
    reward_type: reward.kind,
    amount: money.amount,
    currency: money.currency,
    reward_id: reward.id,
  }
  if (event.type === 'reward.issued') {
    const milestone = MILESTONE_KEY.exec(reward.idempotency_key)?.[1]
    if (milestone) {
      const referrer = await trx
        .selectFrom('referrers')
        .select('converted_count')
        .where('workspace_id', '=', event.workspaceId)
        .where('campaign_id', '=', reward.campaign_id)
        .where('participant_id', '=', reward.participant_id)
        .executeTakeFirst()
      owed.push({
        eventName: DATA_EVENTS.milestoneReached,
        participantId: reward.participant_id,
        metadata: {
          milestone: Number(milestone),
          referral_converted_count: referrer?.converted_count ?? Number(milestone),
        },
      })
    }
    // A reward issued straight as approved is issued now; a pending one when it is approved.
    if (event.data?.status === 'approved')
      owed.push({
        eventName: DATA_EVENTS.rewardIssued,
        participantId: reward.participant_id,
        metadata: withDescription(base, reward.description),
      })
    return owed
  }
  if (event.type === 'reward.approved')
    return [
      {
        eventName: DATA_EVENTS.rewardIssued,
        participantId: reward.participant_id,
        metadata: withDescription(base, reward.description),
      },
    ]
  const reason = typeof event.data?.reason === 'string' ? event.data.reason : ''
  return [
    {
      eventName: DATA_EVENTS.rewardReversed,
      participantId: reward.participant_id,
      metadata: { ...base, reason: reason || 'Reward reversed' },
    },
  ]
}

/** A contest's notice carries its own metadata (src/contests/), computed when the move happened. */
function contestEvent(event: RecordedEvent): OwedEvent[] {
  const notice = event.data?.dataEvent as
    { participantId?: unknown; metadata?: EventMetadata } | undefined
  if (typeof notice?.participantId !== 'string' || !notice.metadata) return []
  const eventName =
    event.type === 'contest.won' ? DATA_EVENTS.contestWon : DATA_EVENTS.contestRankChanged
  return [{ eventName, participantId: notice.participantId, metadata: notice.metadata }]
}

/** A gift card or cash on its way: what, how much, by whom, and the sentence the card shows. */
async function paidEvents(trx: Trx, event: RecordedEvent): Promise<OwedEvent[]> {
  const reward = await trx
    .selectFrom('rewards')
    .select(['participant_id', 'amount_minor', 'currency', 'points', 'coupon_code'])
    .where('workspace_id', '=', event.workspaceId)
    .where('id', '=', event.subject.id)
    .executeTakeFirst()
  if (!reward || !reward.currency || reward.amount_minor === null) return []
  const data = event.data ?? {}
  const provider = String(data.provider ?? '') as 'tremendous' | 'tango_card' | 'paypal'
  const email = typeof data.recipientEmail === 'string' ? data.recipientEmail : null
  const description = payoutLine(
    {
      amountMinor: reward.amount_minor,
      currency: reward.currency,
      productName: typeof data.productName === 'string' ? data.productName : null,
      provider,
      delivery: data.delivery === 'link' ? 'link' : 'email',
      to: email ? maskEmail(email) : null,
      at: event.createdAt.toISOString(),
    },
    translator('en'),
    'en',
  )
  return [
    {
      eventName: DATA_EVENTS.rewardPaid,
      participantId: reward.participant_id,
      metadata: {
        ...rewardAmount(reward),
        provider,
        reward_id: event.subject.id,
        description: description.slice(0, 255),
      },
    },
  ]
}

/** Money in major units as text ("25.00"), points as a count, a coupon as its code. */
export function rewardAmount(reward: {
  amount_minor: number | null
  currency: string | null
  points: number | null
  coupon_code: string | null
}): { amount: string; currency: string } {
  if (reward.amount_minor !== null && reward.currency) {
    return {
      amount: majorUnits(reward.amount_minor, reward.currency),
      currency: reward.currency,
    }
  }
  if (reward.points !== null) return { amount: String(reward.points), currency: 'points' }
  return { amount: reward.coupon_code ?? '', currency: reward.coupon_code ? 'coupon' : '' }
}

function withDescription(metadata: EventMetadata, description: string | null): EventMetadata {
  return description ? { ...metadata, description: description.slice(0, 255) } : metadata
}
