import { DELIVERY_FAILED } from './listings.js'
import type { Db } from '../db-types.js'

/** How many rewards of a workspace are in each status (the review queue's tabs). */
export async function rewardStatusCounts(
  db: Db,
  workspaceId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rewards')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('status')
    .execute()
  const counts = new Map(rows.map((row) => [row.status as string, Number(row.n)]))
  const failed = await db
    .selectFrom('rewards')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'approved')
    .where('delivery_status', '=', 'failed')
    .executeTakeFirstOrThrow()
  // Approved rewards whose delivery failed: their own tab, counted apart from the statuses.
  counts.set(DELIVERY_FAILED, Number(failed.n))
  return counts
}

/** How many referrals of a workspace are in each status, and how many wait on a review. */
export async function referralStatusCounts(
  db: Db,
  workspaceId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('referrals')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('status')
    .execute()
  return new Map(rows.map((row) => [row.status, Number(row.n)]))
}
