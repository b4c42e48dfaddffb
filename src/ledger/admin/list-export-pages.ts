import { sql } from 'kysely'
import type { Db } from '../db-types.js'
import { EXPORT_PAGE_SIZE } from './export-pages.js'

// The rewards, payouts and sync runs lists as CSV pages: keyset by id, one short query a page,
// as export-pages.ts pages referrers and referrals.

/** Pages of `read(after)` until a short page; `after` is the last id of the page before. */
async function* byId<Row extends { id: string }>(
  pageSize: number,
  read: (after: string | null, limit: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let after: string | null = null
  for (;;) {
    const rows = await read(after, pageSize)
    if (rows.length === 0) return
    yield rows
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]?.id ?? null
  }
}

export function rewardExportPages(db: Db, workspaceId: string, pageSize = EXPORT_PAGE_SIZE) {
  return byId(pageSize, (after, limit) => {
    let select = db
      .selectFrom('rewards')
      .innerJoin('participants', 'participants.id', 'rewards.participant_id')
      .leftJoin('payouts', (join) =>
        join
          .onRef('payouts.reward_id', '=', 'rewards.id')
          .onRef('payouts.workspace_id', '=', 'rewards.workspace_id'),
      )
      .select([
        'rewards.id',
        'rewards.campaign_id',
        'rewards.status',
        'rewards.status_reason',
        'rewards.recipient_role',
        'participants.email',
        'participants.name',
        'rewards.kind',
        'rewards.description',
        'rewards.amount_minor',
        'rewards.currency',
        'rewards.points',
        'rewards.coupon_code',
        'payouts.status as payout_status',
        'payouts.failure_reason as payout_failure',
        'rewards.created_at',
        'rewards.approved_at',
        'rewards.fulfilled_at',
        'rewards.declined_at',
        'rewards.reversed_at',
      ])
      .where('rewards.workspace_id', '=', workspaceId)
    if (after) select = select.where('rewards.id', '>', sql<string>`${after}::uuid`)
    return select.orderBy('rewards.id').limit(limit).execute()
  })
}

export function payoutExportPages(db: Db, workspaceId: string, pageSize = EXPORT_PAGE_SIZE) {
  return byId(pageSize, (after, limit) => {
    let select = db
      .selectFrom('payouts')
      .select([
        'id',
        'reward_id',
        'campaign_id',
        'provider',
        'status',
        'amount_minor',
        'currency',
        'recipient_email',
        'recipient_name',
        'product_name',
        'failure_reason',
        'attempts',
        'created_at',
        'sent_at',
        'delivered_at',
      ])
      .where('workspace_id', '=', workspaceId)
    if (after) select = select.where('id', '>', sql<string>`${after}::uuid`)
    return select.orderBy('id').limit(limit).execute()
  })
}

export function syncRunExportPages(db: Db, workspaceId: string, pageSize = EXPORT_PAGE_SIZE) {
  return byId(pageSize, (after, limit) => {
    let select = db
      .selectFrom('sync_runs')
      .select([
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
      ])
      .where('workspace_id', '=', workspaceId)
    if (after) select = select.where('id', '>', sql<string>`${after}::uuid`)
    return select.orderBy('id').limit(limit).execute()
  })
}
