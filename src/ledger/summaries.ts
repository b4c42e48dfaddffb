import { isUuid } from './campaigns.js'
import type { Db } from './db-types.js'
import { toReferral } from './mappers.js'
import { referralsAndReferrerCode } from './primary-code-joins.js'
import type { Referral } from './types.js'
import { VOID_REWARD_STATUSES } from './rewards.js'

// Read models for the Messenger card and the Inbox panel. Counts come from the counter columns
// on `referrers` (kept in the same transaction as the rows they count), and every list is a
// bounded, workspace-scoped read on an index: nothing here scans all referrals or rewards.

export interface FriendSummary {
  readonly referral: Referral
  readonly name: string | null
  readonly email: string | null
  readonly contactId: string | null
}

export interface RewardTotals {
  /** Rewards that are not declined. */
  readonly count: number
  /** Sums of money rewards per currency, in minor units. */
  readonly money: ReadonlyArray<{ readonly currency: string; readonly amountMinor: number }>
  readonly points: number
}

export interface ReferredBySummary {
  readonly referral: Referral
  readonly referrerName: string | null
  readonly referrerEmail: string | null
  readonly referrerCode: string
}

/** The latest referrals a referrer made, with who each friend is (index referrals_by_referrer). */
export async function latestFriends(
  db: Db,
  workspaceId: string,
  referrerId: string,
  limit = 10,
): Promise<FriendSummary[]> {
  const rows = await db
    .selectFrom('referrals')
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .selectAll('referrals')
    .select([
      'friend.name as friend_name',
      'friend.email as friend_email',
      'friend.contact_id as friend_contact_id',
    ])
    .where('referrals.workspace_id', '=', workspaceId)
    .where('referrals.referrer_id', '=', referrerId)
    .orderBy('referrals.created_at', 'desc')
    .orderBy('referrals.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    referral: toReferral(row),
    name: row.friend_name,
    email: row.friend_email,
    contactId: row.friend_contact_id,
  }))
}

/**
 * Totals of a participant's rewards (index rewards_by_participant). One person's rewards are few,
 * so they are summed here; the bound keeps a pathological account from costing more.
 */
export async function rewardTotals(
  db: Db,
  workspaceId: string,
  participantId: string,
  campaignId?: string,
): Promise<RewardTotals> {
  let query = db
    .selectFrom('rewards')
    .select(['currency', 'amount_minor', 'points'])
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .where('status', 'not in', VOID_REWARD_STATUSES)
  if (campaignId) query = query.where('campaign_id', '=', campaignId)
  const rows = await query.orderBy('created_at', 'desc').limit(1000).execute()
  const money = new Map<string, number>()
  let points = 0
  for (const row of rows) {
    if (row.amount_minor !== null && row.currency)
      money.set(row.currency, (money.get(row.currency) ?? 0) + row.amount_minor)
    if (row.points !== null) points += row.points
  }
  return {
    count: rows.length,
    money: [...money].map(([currency, amountMinor]) => ({ currency, amountMinor })),
    points,
  }
}

/** Who referred this person in a campaign, with that referrer's current code (index referrals_by_friend). */
export async function referredBy(
  db: Db,
  workspaceId: string,
  campaignId: string,
  participantId: string,
): Promise<ReferredBySummary | null> {
  const row = await referralsAndReferrerCode(db, workspaceId)
    .innerJoin('participants as referrer', 'referrer.id', 'referrals.referrer_participant_id')
    .selectAll('referrals')
    .select([
      'referrer.name as referrer_name',
      'referrer.email as referrer_email',
      'referral_codes.code as referrer_code',
    ])
    .where('referrals.campaign_id', '=', campaignId)
    .where('referrals.friend_participant_id', '=', participantId)
    .executeTakeFirst()
  return row
    ? {
        referral: toReferral(row),
        referrerName: row.referrer_name,
        referrerEmail: row.referrer_email,
        referrerCode: row.referrer_code,
      }
    : null
}

export interface ReferralDetail {
  readonly referral: Referral
  readonly friendName: string | null
  readonly friendEmail: string | null
  readonly referrerName: string | null
  readonly referrerEmail: string | null
}

/** One referral of this workspace with both people named, for the Inbox review screen. */
export async function referralDetail(
  db: Db,
  workspaceId: string,
  referralId: string,
): Promise<ReferralDetail | null> {
  if (!isUuid(referralId)) return null
  const row = await db
    .selectFrom('referrals')
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .innerJoin('participants as referrer', 'referrer.id', 'referrals.referrer_participant_id')
    .selectAll('referrals')
    .select([
      'friend.name as friend_name',
      'friend.email as friend_email',
      'referrer.name as referrer_name',
      'referrer.email as referrer_email',
    ])
    .where('referrals.workspace_id', '=', workspaceId)
    .where('referrals.id', '=', referralId)
    .executeTakeFirst()
  return row
    ? {
        referral: toReferral(row),
        friendName: row.friend_name,
        friendEmail: row.friend_email,
        referrerName: row.referrer_name,
        referrerEmail: row.referrer_email,
      }
    : null
}
