import { type RawBuilder, sql } from 'kysely'
import { DELIVERY_FAILED, HELD_FOR_REVIEW } from './listings.js'
import type { Db } from '../db-types.js'

/**
 * How many of a workspace's rows are in each status, and how many in `part`: a queue's tab of its
 * own holding those of one status that meet a condition (counted within that status too). One
 * statement.
 */
async function statusCounts(
  db: Db,
  table: 'referrals' | 'rewards',
  workspaceId: string,
  part: { readonly tab: string; readonly status: string; readonly where: RawBuilder<boolean> },
): Promise<Map<string, number>> {
  const { rows } = await sql<{ status: string; n: number; part: number }>`
    select status, count(*)::int as n, count(*) filter (where ${part.where})::int as part
      from ${sql.table(table)}
     where workspace_id = ${workspaceId}
     group by status`.execute(db)
  const counts = new Map(rows.map((row) => [row.status, row.n]))
  counts.set(part.tab, rows.find((row) => row.status === part.status)?.part ?? 0)
  return counts
}

/** How many rewards of a workspace are in each status, and how many approved failed delivery. */
export function rewardStatusCounts(db: Db, workspaceId: string): Promise<Map<string, number>> {
  return statusCounts(db, 'rewards', workspaceId, {
    tab: DELIVERY_FAILED,
    status: 'approved',
    where: sql<boolean>`delivery_status = 'failed'`,
  })
}

/** How many referrals of a workspace are in each status, and how many pending are held for review. */
export function referralStatusCounts(db: Db, workspaceId: string): Promise<Map<string, number>> {
  return statusCounts(db, 'referrals', workspaceId, {
    tab: HELD_FOR_REVIEW,
    status: 'pending',
    where: sql<boolean>`review_reason is not null`,
  })
}
