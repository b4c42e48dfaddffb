import { sql } from 'kysely'
import { inTransaction, type JobQueue } from '../jobs/queue.js'
import type { Db } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import type { Actor } from '../ledger/types.js'
import { FULFILMENT_QUEUE, type FulfilmentJob } from './fulfilment-queue.js'

export type DeliveryRetryOutcome =
  /** Another attempt is on the queue (or the waiting one was moved to now). */
  | { readonly kind: 'requested' }
  /** Someone already asked; that attempt has not finished yet. Nothing more was queued. */
  | { readonly kind: 'already-requested' }
  /** An attempt is running at this moment: its outcome comes first. */
  | { readonly kind: 'in-progress' }
  /** The reward's delivery has not failed (given, declined, waiting, or never tried). */
  | { readonly kind: 'nothing-to-retry'; readonly status: string }
  | { readonly kind: 'not-found' }

/**
 * Asks for one more delivery attempt of an approved reward whose delivery failed. Exactly once:
 * the reward moves from 'failed' to 'retrying' in one conditional update, so of two clicks, two
 * tabs or two instances only the first queues anything; the others are told it is already asked
 * for. The attempt is the fulfilment queue's usual job (singleton per reward, fulfilReward's
 * checks); a job still waiting for its next automatic try is moved to now instead of doubled.
 */
export async function retryRewardDelivery(
  db: Db,
  jobs: JobQueue,
  input: { readonly workspaceId: string; readonly rewardId: string; readonly actor: Actor },
): Promise<DeliveryRetryOutcome> {
  if (!/^[0-9a-f-]{36}$/i.test(input.rewardId)) return { kind: 'not-found' }
  return db.transaction().execute(async (trx) => {
    const reward = await trx
      .selectFrom('rewards')
      .select(['id', 'status', 'delivery_status'])
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.rewardId)
      .executeTakeFirst()
    if (!reward) return { kind: 'not-found' } as const
    const { rows: waiting } = await sql<{ id: string; state: string }>`
      select id, state from pgboss.job
       where name = ${FULFILMENT_QUEUE} and singleton_key = ${reward.id}
         and state in ('created', 'retry', 'active')`.execute(trx)
    if (waiting.some((job) => job.state === 'active')) return { kind: 'in-progress' } as const
    const moved = await trx
      .updateTable('rewards')
      .set({ delivery_status: 'retrying' })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', reward.id)
      .where('status', '=', 'approved')
      .where('delivery_status', '=', 'failed')
      .returning('id')
      .executeTakeFirst()
    if (!moved) {
      // Re-read: a concurrent retry may have committed since the first read.
      const now = await trx
        .selectFrom('rewards')
        .select(['status', 'delivery_status'])
        .where('id', '=', reward.id)
        .executeTakeFirstOrThrow()
      return now.status === 'approved' && now.delivery_status === 'retrying'
        ? ({ kind: 'already-requested' } as const)
        : ({ kind: 'nothing-to-retry', status: now.status } as const)
    }
    if (waiting.length > 0) {
      // The queue's own next try, brought forward (pg-boss has no call for it).
      await sql`update pgboss.job set start_after = now()
                 where id in (${sql.join(waiting.map((job) => job.id))})
                   and state in ('created', 'retry')`.execute(trx)
    } else {
      const job: FulfilmentJob = { workspaceId: input.workspaceId, rewardId: reward.id }
      await jobs.send(FULFILMENT_QUEUE, job, { singletonKey: reward.id, ...inTransaction(trx) })
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'reward.delivery_retried',
      subject: { type: 'reward', id: reward.id },
      actor: input.actor,
    })
    return { kind: 'requested' } as const
  })
}
