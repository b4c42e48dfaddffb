import { sql } from 'kysely'
import type { Trx } from '../db-types.js'

/**
 * How many referrals this referrer made in the last hour, counting at most `limit` of them.
 * Served by the index referrals_by_referrer (workspace_id, referrer_id, created_at desc): it
 * reads at most `limit` index entries, never the referrer's whole history.
 */
export async function recentReferralCount(
  trx: Trx,
  input: { workspaceId: string; referrerId: string; limit: number },
): Promise<number> {
  const recent = trx
    .selectFrom('referrals')
    .select('id')
    .where('workspace_id', '=', input.workspaceId)
    .where('referrer_id', '=', input.referrerId)
    .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
    .orderBy('created_at', 'desc')
    .limit(input.limit)
    .as('recent')
  const row = await trx
    .selectFrom(recent)
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow()
  return row.count
}
