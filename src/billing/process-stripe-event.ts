import { sql } from 'kysely'
import type { StripeEventStatus } from '../../db/tables/stripe-billing.js'
import type { AppContext } from '../context.js'
import { inTransaction, type JobQueue } from '../jobs/queue.js'
import type { Trx } from '../ledger/db-types.js'
import { applyStripeEvent } from './apply-event.js'
import { withInvoiceOfPayment } from './charge-invoice.js'
import { preparePayer } from './matching.js'
import { payerFacts, stripeEventSchema } from './stripe-event.js'
import { lockStripeEvent, markStripeEvent, waitingStripeEventIds } from './stripe-events.js'

export const STRIPE_EVENT_QUEUE = 'stripe-billing-event'

/** Enqueues processing inside the transaction that stored (or reopened) the event. */
export async function enqueueStripeEvents(jobs: JobQueue, trx: Trx, ids: string[]): Promise<void> {
  for (const id of ids) await jobs.send(STRIPE_EVENT_QUEUE, { id }, inTransaction(trx))
}

/**
 * Processes one stored event: matching needs (Stripe reads, attribution) first, then its effect in
 * one transaction that locks the event (a redelivered job finds it done) and serializes the
 * workspace's billing, so a refund racing its own invoice cannot slip between them.
 */
export async function processStripeEvent(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger' | 'jobs'>,
  id: string,
): Promise<StripeEventStatus | null> {
  const row = await ctx.db
    .selectFrom('stripe_events')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || row.status !== 'received') return row?.status ?? null
  const event = await withInvoiceOfPayment(
    ctx,
    row.workspace_id,
    stripeEventSchema.parse(row.payload),
  )
  const facts = await preparePayer(ctx, row.workspace_id, payerFacts(event))
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockStripeEvent(trx, id)
    if (!locked || locked.status !== 'received') return locked?.status ?? null
    await sql`select pg_advisory_xact_lock(hashtext(${`stripe-billing:${row.workspace_id}`}))`.execute(
      trx,
    )
    const applied = await applyStripeEvent(trx, row.workspace_id, id, event, facts)
    await markStripeEvent(trx, id, applied)
    if (ctx.jobs && applied.reopened.length > 0)
      await enqueueStripeEvents(ctx.jobs, trx, applied.reopened)
    return applied.status
  })
}

/** Every event of a workspace still waiting, in Stripe's order, until none is left (tests, sweep). */
export async function processWaitingStripeEvents(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger' | 'jobs'>,
  workspaceId: string | null,
  olderThanSeconds = 0,
): Promise<number> {
  let processed = 0
  for (let round = 0; round < 10; round++) {
    const ids = await waitingStripeEventIds(ctx.db, workspaceId, olderThanSeconds)
    if (ids.length === 0) break
    for (const id of ids) {
      await processStripeEvent(ctx, id)
      processed++
    }
  }
  return processed
}
