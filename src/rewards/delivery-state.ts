import { sql } from 'kysely'
import type { Db, Trx } from '../ledger/db-types.js'
import type { FulfilmentJob } from './fulfilment-queue.js'

/**
 * Marks an approved reward whose delivery attempt just failed, with the attempt's reason, so the
 * review queue can list it in red with a retry. The ledger event of the attempt is the history;
 * this is where the reward stands now.
 */
export async function noteDeliveryFailure(
  trx: Trx,
  job: FulfilmentJob,
  attempt: { readonly attempt: number; readonly finalAttempt: boolean; readonly error: string },
): Promise<void> {
  await trx
    .updateTable('rewards')
    .set({
      delivery_status: 'failed',
      delivery_failure: attempt.error.slice(0, 1000),
      delivery_failed_at: new Date(),
      // Every failed attempt, the queue's own and those asked for again, counted together.
      delivery_attempts: sql<number>`coalesce(delivery_attempts, 0) + 1`,
      delivery_gave_up: attempt.finalAttempt,
    })
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', job.rewardId)
    .where('status', '=', 'approved')
    .execute()
}

/** A delivered reward (or one left for a person to settle) has nothing left to retry. */
export async function clearDeliveryFailure(
  trx: Db,
  reward: { readonly workspaceId: string; readonly id: string },
): Promise<void> {
  await trx
    .updateTable('rewards')
    .set({ delivery_status: null, delivery_failure: null })
    .where('workspace_id', '=', reward.workspaceId)
    .where('id', '=', reward.id)
    .where('delivery_status', 'is not', null)
    .execute()
}
