import { sql } from 'kysely'
import type { PayoutRow } from '../../../db/tables/payouts.js'
import type { AppContext } from '../../context.js'
import type { Trx } from '../../ledger/db-types.js'
import { recordEvent } from '../../ledger/events.js'
import { decideRewardIn } from '../../ledger/rewards.js'
import { payoutProviderFor } from './connections.js'
import { PAYOUT_ACTOR } from './payout-requests.js'
import type { PayoutJob } from './payout-queue.js'
import { PayoutError, type PlacedPayout, PROVIDER_NAMES } from './provider.js'

export type SendOutcome =
  | { kind: 'sent' | 'delivered'; orderId: string }
  | { kind: 'skipped'; status: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'not-yet'; until: Date }
  | { kind: 'waiting'; reason: string }

type Ctx = Pick<AppContext, 'db' | 'config' | 'logger'>

async function loadPayout(ctx: Ctx, job: PayoutJob): Promise<PayoutRow | undefined> {
  return ctx.db
    .selectFrom('payouts')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', job.payoutId)
    .executeTakeFirst()
}

/**
 * Places one requested payout. The provider call is made outside any transaction and keyed by the
 * reward id, so whatever happens after it (a crash before recording, a redelivered job, another
 * instance working the same job) the next attempt gets the same order back and records it once:
 * the state moves requested → sent only where it is still requested.
 *
 * A refusal worth retrying (no funds yet, rate limit, outage) throws, so the queue tries again
 * with backoff; on the final attempt it becomes a failure the dashboard offers to retry. A refusal
 * no retry fixes (recipient invalid, credentials refused) fails at once, with the provider's reason.
 */
export async function sendPayout(
  ctx: Ctx,
  job: PayoutJob,
  attempt: { final: boolean } = { final: false },
): Promise<SendOutcome> {
  const payout = await loadPayout(ctx, job)
  if (!payout || payout.status !== 'requested') {
    return { kind: 'skipped', status: payout?.status ?? 'missing' }
  }
  if (payout.not_before && payout.not_before.getTime() > Date.now()) {
    return { kind: 'not-yet', until: payout.not_before }
  }
  const provider = await payoutProviderFor(ctx, payout.workspace_id, payout.provider)
  if (!provider) {
    // Disconnected (or its key unreadable): nothing is wrong with the payout itself, so it waits,
    // saying why, and connecting the provider again sends it (resumeWaitingPayouts).
    return waiting(
      ctx,
      payout,
      `Waiting: ${PROVIDER_NAMES[payout.provider]} is not connected; it is sent once the provider is connected again on the Payouts page.`,
    )
  }
  if (!payout.recipient_email) return fail(ctx, payout, 'the recipient has no e-mail address')
  await ctx.db
    .updateTable('payouts')
    .set({ attempts: sql<number>`attempts + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', payout.id)
    .execute()

  let placed: PlacedPayout
  try {
    placed = await provider.place({
      rewardId: payout.reward_id,
      amount: { minor: payout.amount_minor, currency: payout.currency },
      recipient: { email: payout.recipient_email, name: payout.recipient_name },
      product: payout.product,
      delivery: payout.delivery,
      note: 'Thank you for your referral.',
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const retryable = !(error instanceof PayoutError) || error.retryable
    if (retryable && !attempt.final) {
      await ctx.db
        .updateTable('payouts')
        .set({ last_error: reason, updated_at: sql<Date>`now()` })
        .where('id', '=', payout.id)
        .where('status', '=', 'requested')
        .execute()
      throw error
    }
    return fail(ctx, payout, reason)
  }
  return record(ctx, payout, placed)
}

async function record(ctx: Ctx, payout: PayoutRow, placed: PlacedPayout): Promise<SendOutcome> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('payouts')
      .set({
        status: placed.state,
        provider_order_id: placed.orderId,
        provider_item_id: placed.itemId,
        link_url: placed.linkUrl,
        last_error: null,
        sent_at: sql<Date>`now()`,
        delivered_at: placed.state === 'delivered' ? sql<Date>`now()` : null,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', payout.id)
      .where('status', '=', 'requested')
      .returning(['id'])
      .executeTakeFirst()
    if (!moved) {
      // Another instance recorded it first, or the reward was reversed meanwhile.
      const now = await trx
        .selectFrom('payouts')
        .select('status')
        .where('id', '=', payout.id)
        .executeTakeFirstOrThrow()
      return { recorded: false, status: now.status }
    }
    await paidEvents(trx, payout, placed)
    return { recorded: true, status: placed.state }
  })
  if (!outcome.recorded && outcome.status === 'cancelled') {
    // Reversed while the order was on its way: stop it where the provider can.
    await cancelPlaced(ctx, {
      ...payout,
      provider_order_id: placed.orderId,
      provider_item_id: placed.itemId,
    })
  }
  return outcome.recorded
    ? { kind: placed.state, orderId: placed.orderId }
    : { kind: 'skipped', status: outcome.status }
}

async function paidEvents(trx: Trx, payout: PayoutRow, placed: PlacedPayout): Promise<void> {
  const data = {
    payoutId: payout.id,
    provider: payout.provider,
    orderId: placed.orderId,
    amountMinor: payout.amount_minor,
    currency: payout.currency,
    productName: payout.product_name,
    delivery: payout.delivery,
    recipientEmail: payout.recipient_email,
  }
  const subject = { type: 'reward', id: payout.reward_id }
  await recordEvent(trx, {
    workspaceId: payout.workspace_id,
    type: 'payout.sent',
    subject,
    actor: PAYOUT_ACTOR,
    data,
  })
  if (placed.state === 'delivered') {
    await recordEvent(trx, {
      workspaceId: payout.workspace_id,
      type: 'payout.delivered',
      subject,
      actor: PAYOUT_ACTOR,
      data: { payoutId: payout.id },
    })
  }
  const reward = await trx
    .selectFrom('rewards')
    .select('status')
    .where('id', '=', payout.reward_id)
    .executeTakeFirst()
  if (reward?.status === 'approved') {
    await decideRewardIn(trx, {
      workspaceId: payout.workspace_id,
      rewardId: payout.reward_id,
      to: 'fulfilled',
      actor: PAYOUT_ACTOR,
    })
  }
}

async function waiting(ctx: Ctx, payout: PayoutRow, reason: string): Promise<SendOutcome> {
  await ctx.db
    .updateTable('payouts')
    .set({ last_error: reason, updated_at: sql<Date>`now()` })
    .where('id', '=', payout.id)
    .where('status', '=', 'requested')
    .execute()
  return { kind: 'waiting', reason }
}

async function fail(ctx: Ctx, payout: PayoutRow, reason: string): Promise<SendOutcome> {
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('payouts')
      .set({
        status: 'failed',
        failure_reason: reason,
        last_error: reason,
        ended_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', payout.id)
      .where('status', '=', 'requested')
      .returning(['id'])
      .executeTakeFirst()
    if (!moved) return
    await recordEvent(trx, {
      workspaceId: payout.workspace_id,
      type: 'payout.failed',
      subject: { type: 'reward', id: payout.reward_id },
      actor: PAYOUT_ACTOR,
      data: { payoutId: payout.id, provider: payout.provider, reason },
    })
  })
  ctx.logger.warn({ payoutId: payout.id, reason }, 'payout failed')
  return { kind: 'failed', reason }
}

/**
 * Stops an order already placed: cancelled where the provider allows it, else flagged for the
 * admin (the money has left; they decide whether to ask for it back).
 */
export async function cancelPlaced(ctx: Ctx, payout: PayoutRow): Promise<'cancelled' | 'flagged'> {
  const provider = await payoutProviderFor(ctx, payout.workspace_id, payout.provider)
  const result =
    provider && payout.provider_order_id
      ? await provider.cancel({
          orderId: payout.provider_order_id,
          itemId: payout.provider_item_id,
        })
      : 'not-cancellable'
  const status = result === 'cancelled' ? 'cancelled' : 'flagged'
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('payouts')
      .set({
        status,
        provider_order_id: payout.provider_order_id,
        provider_item_id: payout.provider_item_id,
        failure_reason:
          status === 'flagged'
            ? 'reward reversed after the payout was sent; the provider cannot cancel it'
            : null,
        ended_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', payout.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: payout.workspace_id,
      type: status === 'cancelled' ? 'payout.cancelled' : 'payout.flagged',
      subject: { type: 'reward', id: payout.reward_id },
      actor: PAYOUT_ACTOR,
      data: { payoutId: payout.id, provider: payout.provider, atProvider: true },
    })
  })
  return status
}

/** The cancel job: a payout sent before its reward was reversed. */
export async function cancelSentPayout(ctx: Ctx, job: PayoutJob): Promise<string> {
  const payout = await loadPayout(ctx, job)
  if (!payout || payout.status !== 'sent') return payout?.status ?? 'missing'
  return cancelPlaced(ctx, payout)
}
