import { sql } from 'kysely'
import type { Db } from '../db-types.js'
import { referralsWithPeople, referrersWithPrimaryCode } from '../primary-code-joins.js'

export const EXPORT_PAGE_SIZE = 1000

export interface ReferrerExportRow {
  readonly id: string
  readonly code: string
  readonly email: string | null
  readonly name: string | null
  readonly contactId: string | null
  readonly campaignId: string
  readonly referralCount: number
  readonly pendingCount: number
  readonly convertedCount: number
  readonly rejectedCount: number
  readonly clickCount: number
  readonly createdAt: Date
}

export interface ReferralExportRow {
  readonly id: string
  readonly campaignId: string
  readonly status: string
  readonly source: string
  readonly referrerCode: string
  readonly referrerEmail: string | null
  readonly friendEmail: string | null
  readonly friendName: string | null
  readonly friendContactId: string | null
  readonly createdAt: Date
  readonly qualifiedAt: Date | null
  readonly rejectedAt: Date | null
}

/**
 * Pages by id (keyset), one short query each: PGlite cannot stream a cursor, and a consumer that
 * awaits between pages holds no database session, so a 1M-row export never sits in memory.
 */
export async function* referrerExportPages(
  db: Db,
  workspaceId: string,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ReferrerExportRow[]> {
  let after: string | null = null
  for (;;) {
    let select = referrersWithPrimaryCode(db, workspaceId).select([
      'referrers.id',
      'referral_codes.code',
      'participants.email',
      'participants.name',
      'participants.contact_id',
      'referrers.campaign_id',
      'referrers.referral_count',
      'referrers.pending_count',
      'referrers.converted_count',
      'referrers.rejected_count',
      'referrers.click_count',
      'referrers.created_at',
    ])
    if (after) select = select.where('referrers.id', '>', sql<string>`${after}::uuid`)
    const rows = await select.orderBy('referrers.id').limit(pageSize).execute()
    if (rows.length === 0) return
    yield rows.map((row) => ({
      id: row.id,
      code: row.code,
      email: row.email,
      name: row.name,
      contactId: row.contact_id,
      campaignId: row.campaign_id,
      referralCount: row.referral_count,
      pendingCount: row.pending_count,
      convertedCount: row.converted_count,
      rejectedCount: row.rejected_count,
      clickCount: row.click_count,
      createdAt: row.created_at,
    }))
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]?.id ?? null
  }
}

export async function* referralExportPages(
  db: Db,
  workspaceId: string,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ReferralExportRow[]> {
  let after: string | null = null
  for (;;) {
    let select = referralsWithPeople(db, workspaceId).select([
      'referrals.id',
      'referrals.campaign_id',
      'referrals.status',
      'referrals.source',
      'referral_codes.code',
      'referrer.email as referrer_email',
      'friend.email as friend_email',
      'friend.name as friend_name',
      'friend.contact_id as friend_contact_id',
      'referrals.created_at',
      'referrals.qualified_at',
      'referrals.rejected_at',
    ])
    if (after) select = select.where('referrals.id', '>', sql<string>`${after}::uuid`)
    const rows = await select.orderBy('referrals.id').limit(pageSize).execute()
    if (rows.length === 0) return
    yield rows.map((row) => ({
      id: row.id,
      campaignId: row.campaign_id,
      status: row.status,
      source: row.source,
      referrerCode: row.code,
      referrerEmail: row.referrer_email,
      friendEmail: row.friend_email,
      friendName: row.friend_name,
      friendContactId: row.friend_contact_id,
      createdAt: row.created_at,
      qualifiedAt: row.qualified_at,
      rejectedAt: row.rejected_at,
    }))
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]?.id ?? null
  }
}
