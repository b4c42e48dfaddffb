import { sql } from 'kysely'
import type { PayoutStatus } from '../../../db/tables/payouts.js'
import type { RewardRow, RewardStatus } from '../../../db/tables/rewards.js'
import type { Db } from '../db-types.js'
import { InvalidTransitionError } from '../errors.js'
import { toReferral, toReferrer } from '../mappers.js'
import { toReward, type Reward } from '../rewards.js'
import type { Referral, ReferralStatus, Referrer } from '../types.js'
import { decodeCursor, type Page, type Position, toPage } from './cursor.js'
import { referralsWithPeople, referrersWithPrimaryCode } from '../primary-code-joins.js'

export interface ReferrerListing extends Referrer {
  readonly email: string | null
  readonly name: string | null
  readonly contactId: string | null
}

export interface ReferralListing extends Referral {
  readonly referrerCode: string
  readonly referrerEmail: string | null
  readonly referrerName: string | null
  readonly friendEmail: string | null
  readonly friendName: string | null
}

export interface PageQuery {
  readonly cursor?: string | null
  readonly limit: number
}

function position(cursor: string | null | undefined): Position | null {
  if (!cursor) return null
  const decoded = decodeCursor(cursor)
  if (!decoded)
    throw new InvalidTransitionError('That cursor is not valid; start from the first page.')
  return decoded
}

/** `%text%` for ILIKE, with the caller's own % and _ taken literally. */
function contains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Referrers of a workspace, newest first, searchable by email, code or name. */
export async function searchReferrers(
  db: Db,
  workspaceId: string,
  query: PageQuery & { campaignId?: string | null; q?: string | null; id?: string | null },
): Promise<Page<ReferrerListing>> {
  const after = position(query.cursor)
  let select = referrersWithPrimaryCode(db, workspaceId)
    .selectAll('referrers')
    .select([
      'referral_codes.code as primary_code',
      'participants.email',
      'participants.name',
      'participants.contact_id',
      sql<string>`referrers.created_at::text`.as('cursor_at'),
    ])
  if (query.campaignId) select = select.where('referrers.campaign_id', '=', query.campaignId)
  if (query.id) select = select.where('referrers.id', '=', query.id)
  const q = query.q?.trim()
  if (q) {
    const pattern = contains(q)
    // A code search also finds referrers by any code they ever had.
    select = select.where((eb) =>
      eb.or([
        eb(sql`lower(participants.email)`, 'like', pattern),
        eb(sql`lower(participants.name)`, 'like', pattern),
        eb.exists(
          eb
            .selectFrom('referral_codes as any_code')
            .select('any_code.id')
            .whereRef('any_code.referrer_id', '=', 'referrers.id')
            .where('any_code.code_normalized', 'like', pattern),
        ),
      ]),
    )
  }
  if (after) {
    select = select.where(
      sql<boolean>`(referrers.created_at, referrers.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    )
  }
  const rows = await select
    .orderBy('referrers.created_at', 'desc')
    .orderBy('referrers.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  return toPage(rows, query.limit, (row) => ({
    ...toReferrer(row, row.primary_code),
    email: row.email,
    name: row.name,
    contactId: row.contact_id,
  }))
}

/** Referrals of a workspace, newest first, optionally by status, referrer or campaign. */
export async function listReferrals(
  db: Db,
  workspaceId: string,
  query: PageQuery & {
    status?: ReferralStatus | null
    referrerId?: string | null
    campaignId?: string | null
    id?: string | null
  },
): Promise<Page<ReferralListing>> {
  const after = position(query.cursor)
  let select = referralsWithPeople(db, workspaceId)
    .selectAll('referrals')
    .select([
      'referral_codes.code as referrer_code',
      'referrer.email as referrer_email',
      'referrer.name as referrer_name',
      'friend.email as friend_email',
      'friend.name as friend_name',
      sql<string>`referrals.created_at::text`.as('cursor_at'),
    ])
  if (query.status) select = select.where('referrals.status', '=', query.status)
  if (query.referrerId) select = select.where('referrals.referrer_id', '=', query.referrerId)
  if (query.campaignId) select = select.where('referrals.campaign_id', '=', query.campaignId)
  if (query.id) select = select.where('referrals.id', '=', query.id)
  if (after) {
    select = select.where(
      sql<boolean>`(referrals.created_at, referrals.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    )
  }
  const rows = await select
    .orderBy('referrals.created_at', 'desc')
    .orderBy('referrals.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  return toPage(rows, query.limit, (row) => ({
    ...toReferral(row),
    referrerCode: row.referrer_code,
    referrerEmail: row.referrer_email,
    referrerName: row.referrer_name,
    friendEmail: row.friend_email,
    friendName: row.friend_name,
  }))
}

export interface RewardListing extends Reward {
  readonly recipientEmail: string | null
  readonly recipientName: string | null
  /** The recipient's referrer record in the reward's campaign, when they refer (their page). */
  readonly referrerId?: string | null
  /** Its payout through a provider, when it has one. */
  readonly payoutStatus?: PayoutStatus | null
  readonly payoutFailure?: string | null
  /** Its delivery, when an attempt failed and it is still approved (see rewards/delivery-state). */
  readonly delivery?: RewardDelivery | null
}

export interface RewardDelivery {
  /** 'failed': the last attempt failed; 'retrying': someone asked for another attempt. */
  readonly status: 'failed' | 'retrying'
  /** The last failed attempt's error, as the worker recorded it. */
  readonly failure: string | null
  readonly failedAt: Date | null
  readonly attempts: number | null
  /** The queue stopped trying by itself: only a retry (or a decision) moves it now. */
  readonly gaveUp: boolean
}

/** The review queue's filter for approved rewards whose delivery failed. */
export const DELIVERY_FAILED = 'delivery_failed'

/** Rewards of a workspace, newest first, optionally by status (the review queue is `pending`). */
export async function listRewards(
  db: Db,
  workspaceId: string,
  query: PageQuery & {
    status?: RewardStatus | typeof DELIVERY_FAILED | null
    id?: string | null
  },
): Promise<Page<RewardListing>> {
  const after = position(query.cursor)
  let select = db
    .selectFrom('rewards')
    .innerJoin('participants', 'participants.id', 'rewards.participant_id')
    .leftJoin('referrers', (join) =>
      join
        .onRef('referrers.participant_id', '=', 'rewards.participant_id')
        .onRef('referrers.campaign_id', '=', 'rewards.campaign_id'),
    )
    .leftJoin('payouts', (join) =>
      join
        .onRef('payouts.reward_id', '=', 'rewards.id')
        .onRef('payouts.workspace_id', '=', 'rewards.workspace_id'),
    )
    .selectAll('rewards')
    .select([
      'participants.email as recipient_email',
      'participants.name as recipient_name',
      'referrers.id as referrer_id',
      'payouts.status as payout_status',
      'payouts.failure_reason as payout_failure',
      sql<string>`rewards.created_at::text`.as('cursor_at'),
    ])
    .where('rewards.workspace_id', '=', workspaceId)
  if (query.status === DELIVERY_FAILED) {
    select = select
      .where('rewards.status', '=', 'approved')
      .where('rewards.delivery_status', '=', 'failed')
  } else if (query.status) select = select.where('rewards.status', '=', query.status)
  if (query.id) select = select.where('rewards.id', '=', query.id)
  if (after) {
    select = select.where(
      sql<boolean>`(rewards.created_at, rewards.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    )
  }
  const rows = await select
    .orderBy('rewards.created_at', 'desc')
    .orderBy('rewards.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  return toPage(rows, query.limit, (row) => ({
    ...toReward(row),
    recipientEmail: row.recipient_email,
    recipientName: row.recipient_name,
    referrerId: row.referrer_id,
    payoutStatus: row.payout_status,
    payoutFailure: row.payout_failure,
    delivery: deliveryOf(row),
  }))
}

/** A reward row's delivery gone wrong, while it is still approved (given or declined: none). */
export function deliveryOf(row: RewardRow): RewardDelivery | null {
  return row.status === 'approved' && row.delivery_status
    ? {
        status: row.delivery_status,
        failure: row.delivery_failure,
        failedAt: row.delivery_failed_at,
        attempts: row.delivery_attempts,
        gaveUp: row.delivery_gave_up ?? false,
      }
    : null
}
