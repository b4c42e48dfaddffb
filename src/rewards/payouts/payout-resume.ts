import type { Db } from '../../ledger/db-types.js'
import type { EnqueuePayout } from './payout-queue.js'
import type { PayoutProviderName } from './provider.js'

/**
 * Puts back on the queue the payouts that waited while the provider was disconnected (still
 * requested, never placed). Their job may have ended; a new one per payout is harmless, since
 * the reward id keys the order at the provider and only a requested payout is sent.
 */
export async function resumeWaitingPayouts(
  db: Db,
  enqueue: EnqueuePayout,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<number> {
  const rows = await db
    .selectFrom('payouts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .where('status', '=', 'requested')
    .limit(5000)
    .execute()
  for (const row of rows) await enqueue({ workspaceId, payoutId: row.id })
  return rows.length
}
