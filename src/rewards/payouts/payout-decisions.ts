import { sql } from 'kysely'
import type { Db, Trx } from '../../ledger/db-types.js'
import { recordEvent, type RecordedEvent } from '../../ledger/events.js'
import type { Actor } from '../../ledger/types.js'
import { PAYOUT_ACTOR } from './payout-requests.js'
import type { EnqueuePayout } from './payout-queue.js'

const NOT_YET_SENT = ['awaiting_approval', 'awaiting_address', 'requested'] as const

/**
 * A reward reversed or declined after its payout was asked for: not yet sent → cancelled here
 * (nothing left our side); sent → the provider is asked to cancel (a job, outside this
 * transaction); delivered → flagged for the admin, since the money is the recipient's now.
 */
export async function onRewardVoided(
  trx: Trx,
  enqueue: EnqueuePayout,
  event: RecordedEvent,
): Promise<void> {
  if (event.type !== 'reward.reversed' && event.type !== 'reward.declined') return
  const payout = await trx
    .selectFrom('payouts')
    .selectAll()
    .where('workspace_id', '=', event.workspaceId)
    .where('reward_id', '=', event.subject.id)
    .forUpdate()
    .executeTakeFirst()
  if (!payout) return
  const subject = { type: 'reward', id: payout.reward_id }
  if ((NOT_YET_SENT as readonly string[]).includes(payout.status)) {
    await trx
      .updateTable('payouts')
      .set({ status: 'cancelled', ended_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', payout.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: payout.workspace_id,
      type: 'payout.cancelled',
      subject,
      actor: PAYOUT_ACTOR,
      data: { payoutId: payout.id, provider: payout.provider, atProvider: false },
    })
  } else if (payout.status === 'sent') {
    await enqueue({ workspaceId: payout.workspace_id, payoutId: payout.id, cancel: true }, { trx })
  } else if (payout.status === 'delivered') {
    await trx
      .updateTable('payouts')
      .set({
        status: 'flagged',
        failure_reason: 'reward reversed after the payout was delivered',
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', payout.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: payout.workspace_id,
      type: 'payout.flagged',
      subject,
      actor: PAYOUT_ACTOR,
      data: { payoutId: payout.id, provider: payout.provider },
    })
  }
}

/**
 * Approves held payouts (over budget) or retries failed ones, in bulk: each moves to requested
 * and goes on the queue in the same transaction. Returns how many moved.
 */
export async function releasePayouts(
  db: Db,
  enqueue: EnqueuePayout,
  input: {
    workspaceId: string
    payoutIds: readonly string[]
    from: 'awaiting_approval' | 'failed'
    actor: Actor
  },
): Promise<number> {
  const ids = input.payoutIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
  if (ids.length === 0) return 0
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('payouts')
      .set({
        status: 'requested',
        approved_by:
          input.from === 'awaiting_approval' ? (input.actor.id ?? input.actor.type) : undefined,
        failure_reason: null,
        attempts: 0,
        ended_at: null,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', 'in', ids)
      .where('status', '=', input.from)
      .returning(['id', 'reward_id'])
      .execute()
    for (const row of moved) {
      await recordEvent(trx, {
        workspaceId: input.workspaceId,
        type: input.from === 'failed' ? 'payout.retried' : 'payout.approved',
        subject: { type: 'reward', id: row.reward_id },
        actor: input.actor,
        data: { payoutId: row.id },
      })
      await enqueue({ workspaceId: input.workspaceId, payoutId: row.id }, { trx })
    }
    return moved.length
  })
}
