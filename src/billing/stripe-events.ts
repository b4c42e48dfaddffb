import { sql } from 'kysely'
import type { StripeEventRow, StripeEventStatus } from '../../db/tables/stripe-billing.js'
import { isUuid } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { tryNormalizeEmail } from '../ledger/emails.js'
import { payerFacts, type StripeEventEnvelope } from './stripe-event.js'

/**
 * Stores a verified event once per (workspace, Stripe event id), with the keys matching needs
 * indexed beside it. `created` is false for a redelivery, which is acknowledged and not enqueued.
 */
export async function storeStripeEvent(
  trx: Trx,
  workspaceId: string,
  event: StripeEventEnvelope,
): Promise<{ id: string; created: boolean }> {
  const facts = payerFacts(event)
  const inserted = await trx
    .insertInto('stripe_events')
    .values({
      workspace_id: workspaceId,
      event_id: event.id,
      type: event.type,
      stripe_created_at: new Date(event.created * 1000),
      payload: JSON.stringify(event),
      customer_id: facts.customerId,
      email_normalized: tryNormalizeEmail(facts.email)?.normalized ?? null,
      contact_id: facts.contactId,
      amount_minor: facts.amountMinor,
      currency: facts.currency,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return { id: inserted.id, created: true }
  const existing = await trx
    .selectFrom('stripe_events')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('event_id', '=', event.id)
    .executeTakeFirstOrThrow()
  return { id: existing.id, created: false }
}

export async function lockStripeEvent(trx: Trx, id: string): Promise<StripeEventRow | null> {
  if (!isUuid(id)) return null
  const row = await trx
    .selectFrom('stripe_events')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  return row ?? null
}

export async function markStripeEvent(
  trx: Trx,
  id: string,
  change: { status: StripeEventStatus; outcome: string; referralId?: string | null },
): Promise<void> {
  await trx
    .updateTable('stripe_events')
    .set({
      status: change.status,
      outcome: change.outcome.slice(0, 1000),
      ...(change.referralId === undefined ? {} : { referral_id: change.referralId }),
      processed_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

/** Events of a workspace still waiting for their job, in Stripe's order (tests, the sweep). */
export async function waitingStripeEventIds(
  db: Db,
  workspaceId: string | null,
  olderThanSeconds = 0,
): Promise<string[]> {
  let query = db
    .selectFrom('stripe_events')
    .select('id')
    .where('status', '=', 'received')
    .where('received_at', '<=', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId)
  const rows = await query.orderBy('stripe_created_at').orderBy('received_at').limit(500).execute()
  return rows.map((row) => row.id)
}

/**
 * Unmatched events that a newly known person may explain (same customer, contact or email): set
 * back to `received` in Stripe's order, for the processor to match again.
 */
export async function reopenUnmatched(
  trx: Trx,
  workspaceId: string,
  keys: { customerIds?: string[]; contactId?: string | null; email?: string | null },
): Promise<string[]> {
  const email = tryNormalizeEmail(keys.email)?.normalized ?? null
  const customers = keys.customerIds ?? []
  if (!email && !keys.contactId && customers.length === 0) return []
  const rows = await trx
    .updateTable('stripe_events')
    .set({ status: 'received', processed_at: null })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'unmatched')
    .where((eb) =>
      eb.or([
        ...(email ? [eb('email_normalized', '=', email)] : []),
        ...(keys.contactId ? [eb('contact_id', '=', keys.contactId)] : []),
        ...(customers.length > 0 ? [eb('customer_id', 'in', customers)] : []),
      ]),
    )
    .returning(['id', 'stripe_created_at'])
    .execute()
  return rows
    .sort((a, b) => a.stripe_created_at.getTime() - b.stripe_created_at.getTime())
    .map((row) => row.id)
}

export interface BillingEventView {
  readonly id: string
  readonly eventId: string
  readonly type: string
  readonly status: StripeEventStatus
  readonly outcome: string | null
  readonly customerId: string | null
  readonly email: string | null
  readonly referralId: string | null
  readonly amountMinor: number | null
  readonly currency: string | null
  readonly occurredAt: Date
  readonly receivedAt: Date
}

function toView(row: StripeEventRow): BillingEventView {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    status: row.status,
    outcome: row.outcome,
    customerId: row.customer_id,
    email: row.email_normalized,
    referralId: row.referral_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    occurredAt: row.stripe_created_at,
    receivedAt: row.received_at,
  }
}

/** A referral's billing history, oldest first. */
export async function billingEventsOfReferral(
  db: Db,
  workspaceId: string,
  referralId: string,
  limit = 200,
): Promise<BillingEventView[]> {
  if (!isUuid(referralId)) return []
  const rows = await db
    .selectFrom('stripe_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('referral_id', '=', referralId)
    .orderBy('stripe_created_at')
    .limit(limit)
    .execute()
  return rows.map(toView)
}

/** Events no referred friend explains yet, newest first. */
export async function unmatchedBillingEvents(
  db: Db,
  workspaceId: string,
  limit = 200,
): Promise<BillingEventView[]> {
  const rows = await db
    .selectFrom('stripe_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'unmatched')
    .orderBy('stripe_created_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toView)
}

/** The latest events of every kind (dashboard), newest first. */
export async function recentBillingEvents(
  db: Db,
  workspaceId: string,
  limit = 50,
): Promise<BillingEventView[]> {
  const rows = await db
    .selectFrom('stripe_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('stripe_created_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toView)
}
