import { sql } from 'kysely'
import { z } from 'zod'
import type { Db } from '../../ledger/db-types.js'
import { recordEvent } from '../../ledger/events.js'
import type { Actor } from '../../ledger/types.js'
import { exceedsBudget } from './payout-budget.js'
import type { EnqueuePayout } from './payout-queue.js'

/** A change of address pauses that person's PayPal payouts this long (a stolen session's window). */
export const ADDRESS_CHANGE_PAUSE_MS = 24 * 60 * 60 * 1000

export const payoutAddressInput = z.object({
  email: z.email({ error: 'Enter the e-mail address of your PayPal account.' }).max(254),
})

export interface PayoutAddressView {
  readonly email: string
  readonly confirmedAt: Date
  readonly pausedUntil: Date | null
}

export async function payoutAddressOf(
  db: Db,
  workspaceId: string,
  participantId: string,
): Promise<PayoutAddressView | null> {
  const row = await db
    .selectFrom('payout_addresses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst()
  return row
    ? { email: row.email, confirmedAt: row.confirmed_at, pausedUntil: row.paused_until }
    : null
}

/**
 * The referrer confirms (or changes) the PayPal address their cash goes to. The first
 * confirmation releases payouts that waited for it; a change is a ledger event and holds every
 * unsent PayPal payout of theirs for 24 hours, so a hijacked session cannot redirect money at once.
 */
export async function confirmPayoutAddress(
  db: Db,
  enqueue: EnqueuePayout,
  input: { workspaceId: string; participantId: string; email: string; actor: Actor },
): Promise<PayoutAddressView> {
  const email = input.email.trim().toLowerCase()
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('payout_addresses')
      .selectAll()
      .where('workspace_id', '=', input.workspaceId)
      .where('participant_id', '=', input.participantId)
      .forUpdate()
      .executeTakeFirst()
    if (before?.email === email) {
      return { email, confirmedAt: before.confirmed_at, pausedUntil: before.paused_until }
    }
    const pausedUntil = before ? new Date(Date.now() + ADDRESS_CHANGE_PAUSE_MS) : null
    const values = { email, confirmed_at: new Date(), paused_until: pausedUntil }
    await trx
      .insertInto('payout_addresses')
      .values({ workspace_id: input.workspaceId, participant_id: input.participantId, ...values })
      .onConflict((oc) => oc.columns(['workspace_id', 'participant_id']).doUpdateSet(values))
      .execute()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: before ? 'payout.address_changed' : 'payout.address_confirmed',
      subject: { type: 'participant', id: input.participantId },
      actor: input.actor,
      data: before ? { pausedUntil: pausedUntil?.toISOString() } : {},
    })
    // Payouts that waited for the address meet the monthly budgets now, one after the other, as
    // they would have when they were asked for.
    const waiting = await trx
      .selectFrom('payouts')
      .select(['id', 'campaign_id', 'amount_minor', 'currency'])
      .where('workspace_id', '=', input.workspaceId)
      .where('participant_id', '=', input.participantId)
      .where('status', '=', 'awaiting_address')
      .orderBy('created_at')
      .execute()
    for (const payout of waiting) {
      const reason = await exceedsBudget(trx, {
        workspaceId: input.workspaceId,
        campaignId: payout.campaign_id,
        amountMinor: payout.amount_minor,
        currency: payout.currency,
      })
      await trx
        .updateTable('payouts')
        .set(
          reason
            ? { status: 'awaiting_approval', over_budget: true, last_error: reason }
            : { status: 'requested', last_error: null },
        )
        .where('id', '=', payout.id)
        .execute()
    }
    const released = await trx
      .updateTable('payouts')
      .set({
        // A held (over-budget) payout stays held, with its reason; it only takes the new address.
        recipient_email: email,
        not_before: pausedUntil,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', input.workspaceId)
      .where('participant_id', '=', input.participantId)
      .where('provider', '=', 'paypal')
      .where('status', 'in', ['requested', 'awaiting_approval'])
      .returning(['id', 'status'])
      .execute()
    for (const payout of released) {
      if (payout.status !== 'requested') continue
      await enqueue(
        { workspaceId: input.workspaceId, payoutId: payout.id },
        { trx, ...(pausedUntil ? { startAfter: pausedUntil } : {}) },
      )
    }
    return { email, confirmedAt: values.confirmed_at, pausedUntil }
  })
}
