import type { Writable } from 'node:stream'
import type { Db } from '../ledger/db-types.js'
import { referralExportPages, referrerExportPages } from '../ledger/admin/export-pages.js'
import {
  payoutExportPages,
  rewardExportPages,
  syncRunExportPages,
} from '../ledger/admin/list-export-pages.js'
import { majorUnits } from '../money/format.js'
import { writeCsv } from './csv.js'

export const EXPORT_KINDS = ['referrers', 'referrals', 'rewards', 'payouts', 'sync-runs'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** An amount in major units ("49.00"), as the money module writes it; empty without one. */
function amount(minor: number | null, currency: string | null): string | null {
  return minor === null || !currency ? null : majorUnits(minor, currency)
}

/** The CSV export of one of a workspace's lists, streamed page by page. */
export function exportCsv(
  db: Db,
  workspaceId: string,
  kind: ExportKind,
  out: Writable,
  pageSize?: number,
): Promise<number> {
  if (kind === 'referrers') {
    return writeCsv(
      out,
      [
        'id',
        'code',
        'email',
        'name',
        'contact_id',
        'campaign_id',
        'referral_count',
        'pending_count',
        'converted_count',
        'rejected_count',
        'click_count',
        'created_at',
      ],
      referrerExportPages(db, workspaceId, pageSize),
      (r) => [
        r.id,
        r.code,
        r.email,
        r.name,
        r.contactId,
        r.campaignId,
        r.referralCount,
        r.pendingCount,
        r.convertedCount,
        r.rejectedCount,
        r.clickCount,
        r.createdAt,
      ],
    )
  }
  if (kind === 'rewards') {
    return writeCsv(
      out,
      [
        'id',
        'campaign_id',
        'status',
        'status_reason',
        'recipient_role',
        'recipient_email',
        'recipient_name',
        'kind',
        'description',
        'amount',
        'currency',
        'points',
        'coupon_code',
        'payout_status',
        'payout_failure',
        'created_at',
        'approved_at',
        'fulfilled_at',
        'declined_at',
        'reversed_at',
      ],
      rewardExportPages(db, workspaceId, pageSize),
      (r) => [
        r.id,
        r.campaign_id,
        r.status,
        r.status_reason,
        r.recipient_role,
        r.email,
        r.name,
        r.kind,
        r.description,
        amount(r.amount_minor, r.currency),
        r.currency,
        r.points,
        r.coupon_code,
        r.payout_status,
        r.payout_failure,
        r.created_at,
        r.approved_at,
        r.fulfilled_at,
        r.declined_at,
        r.reversed_at,
      ],
    )
  }
  if (kind === 'payouts') {
    return writeCsv(
      out,
      [
        'id',
        'reward_id',
        'campaign_id',
        'provider',
        'status',
        'amount',
        'currency',
        'recipient_email',
        'recipient_name',
        'product',
        'failure_reason',
        'attempts',
        'created_at',
        'sent_at',
        'delivered_at',
      ],
      payoutExportPages(db, workspaceId, pageSize),
      (p) => [
        p.id,
        p.reward_id,
        p.campaign_id,
        p.provider,
        p.status,
        amount(p.amount_minor, p.currency),
        p.currency,
        p.recipient_email,
        p.recipient_name,
        p.product_name,
        p.failure_reason,
        p.attempts,
        p.created_at,
        p.sent_at,
        p.delivered_at,
      ],
    )
  }
  if (kind === 'sync-runs') {
    return writeCsv(
      out,
      [
        'id',
        'campaign_id',
        'kind',
        'status',
        'source',
        'done',
        'total',
        'imported',
        'skipped',
        'failures',
        'error',
        'started_at',
        'finished_at',
      ],
      syncRunExportPages(db, workspaceId, pageSize),
      (r) => [
        r.id,
        r.campaign_id,
        r.kind,
        r.status,
        r.source,
        r.done,
        r.total,
        r.imported,
        r.skipped,
        r.failures,
        r.error,
        r.started_at,
        r.finished_at,
      ],
    )
  }
  return writeCsv(
    out,
    [
      'id',
      'campaign_id',
      'status',
      'source',
      'referrer_code',
      'referrer_email',
      'friend_email',
      'friend_name',
      'friend_contact_id',
      'created_at',
      'qualified_at',
      'rejected_at',
    ],
    referralExportPages(db, workspaceId, pageSize),
    (r) => [
      r.id,
      r.campaignId,
      r.status,
      r.source,
      r.referrerCode,
      r.referrerEmail,
      r.friendEmail,
      r.friendName,
      r.friendContactId,
      r.createdAt,
      r.qualifiedAt,
      r.rejectedAt,
    ],
  )
}
