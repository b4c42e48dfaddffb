import type { PayoutStatus } from '../../../db/tables/payouts.js'
import type { Db } from '../db-types.js'
import { NotFoundError } from '../errors.js'
import { toReward, type Reward } from '../rewards.js'
import {
  deliveryOf,
  listReferrals,
  type ReferralListing,
  type RewardDelivery,
  type ReferrerListing,
  searchReferrers,
} from './listings.js'

/** How many friends, rewards and events the referrer page shows (newest first). */
export const PROFILE_LIMIT = 100

export interface ReferrerCode {
  readonly code: string
  readonly primary: boolean
  readonly vanity: boolean
  readonly disabled: boolean
  readonly clicks: number
  readonly createdAt: Date
}

export interface ProfileReward extends Reward {
  /** The payout that sends it through a provider, when there is one. */
  readonly payoutStatus: PayoutStatus | null
  readonly payoutFailure: string | null
  /** Its delivery, when an attempt failed and it is still approved. */
  readonly delivery: RewardDelivery | null
}

export interface TimelineEvent {
  readonly type: string
  readonly at: Date
  readonly actorType: string
  /** The event's reason, when it has one (a rejection, a hold, a failure). */
  readonly reason: string | null
}

export interface ReferrerProfile {
  readonly referrer: ReferrerListing
  readonly campaignName: string
  readonly codes: readonly ReferrerCode[]
  readonly friends: readonly ReferralListing[]
  /** More friends exist than the page shows. */
  readonly moreFriends: boolean
  readonly rewards: readonly ProfileReward[]
  readonly timeline: readonly TimelineEvent[]
}

function reasonOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null
  const record = data as Record<string, unknown>
  // A decision's reason, or what a failed attempt was told.
  for (const key of ['reason', 'error', 'failureReason']) {
    const value = record[key]
    if (typeof value === 'string' && value) return value
  }
  return null
}

/**
 * Everything the dashboard shows about one referrer of a workspace: codes, friends, rewards with
 * their payouts, and the ledger's history of them, their referrals and rewards. Unknown → 404.
 */
export async function referrerProfile(
  db: Db,
  workspaceId: string,
  referrerId: string,
): Promise<ReferrerProfile> {
  const found = await searchReferrers(db, workspaceId, { id: referrerId, limit: 1 })
  const referrer = found.items[0]
  if (!referrer) throw new NotFoundError('That referrer')

  const [campaign, codes, friends, rewardRows] = await Promise.all([
    db
      .selectFrom('campaigns')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', referrer.campaignId)
      .executeTakeFirst(),
    db
      .selectFrom('referral_codes')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('referrer_id', '=', referrer.id)
      .orderBy('is_primary', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
    listReferrals(db, workspaceId, { referrerId: referrer.id, limit: PROFILE_LIMIT }),
    db
      .selectFrom('rewards')
      .leftJoin('payouts', (join) =>
        join
          .onRef('payouts.reward_id', '=', 'rewards.id')
          .onRef('payouts.workspace_id', '=', 'rewards.workspace_id'),
      )
      .selectAll('rewards')
      .select(['payouts.status as payout_status', 'payouts.failure_reason as payout_failure'])
      .where('rewards.workspace_id', '=', workspaceId)
      .where('rewards.campaign_id', '=', referrer.campaignId)
      .where('rewards.participant_id', '=', referrer.participantId)
      .orderBy('rewards.created_at', 'desc')
      .limit(PROFILE_LIMIT)
      .execute(),
  ])

  const rewards = rewardRows.map((row) => ({
    ...toReward(row),
    payoutStatus: row.payout_status,
    payoutFailure: row.payout_failure,
    delivery: deliveryOf(row),
  }))
  const subjects = [
    ['referrer', [referrer.id]],
    ['participant', [referrer.participantId]],
    ['referral', friends.items.map((f) => f.id)],
    ['reward', rewards.map((r) => r.id)],
  ] as const
  const events = await db
    .selectFrom('events')
    .select(['type', 'created_at', 'actor_type', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or(
        subjects
          .filter(([, ids]) => ids.length > 0)
          .map(([type, ids]) =>
            eb.and([eb('subject_type', '=', type), eb('subject_id', 'in', [...ids])]),
          ),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PROFILE_LIMIT)
    .execute()

  return {
    referrer,
    campaignName: campaign?.name ?? 'a campaign',
    codes: codes.map((c) => ({
      code: c.code,
      primary: c.is_primary,
      vanity: c.is_vanity,
      disabled: c.disabled_at !== null,
      clicks: c.click_count,
      createdAt: c.created_at,
    })),
    friends: friends.items,
    moreFriends: friends.nextCursor !== null,
    rewards,
    timeline: events.map((e) => ({
      type: e.type,
      at: e.created_at,
      actorType: e.actor_type,
      reason: reasonOf(e.data),
    })),
  }
}
