import type { Writable } from 'node:stream'
import type { Db } from '../ledger/db-types.js'
import { referralExportPages, referrerExportPages } from '../ledger/admin/export-pages.js'
import { writeCsv } from './csv.js'

export type ExportKind = 'referrers' | 'referrals'

/** The CSV export of referrers or referrals of one workspace, streamed page by page. */
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
