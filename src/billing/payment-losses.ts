import { sql } from 'kysely'
import type { RewardRow } from '../../db/tables/rewards.js'
import type { BillingChargeRow } from '../../db/tables/stripe-billing.js'
import type { Trx } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import { PAYMENT_ACTOR } from '../rewards/reward-hold.js'
import { decideRewardIn, VOID_REWARD_STATUSES } from '../ledger/rewards.js'
import { chargesOfInvoice, invoicePaidByCharge } from './invoice-links.js'
import { formatMoneyCode as formatMoney } from '../money/format.js'
import { shareOf } from './money.js'
import type { StripeCharge, StripeDispute } from './stripe-event.js'

/** A refund on a charge; amount_refunded is cumulative, so only the largest figure counts. */
export async function recordRefund(
  trx: Trx,
  workspaceId: string,
  charge: StripeCharge,
): Promise<void> {
  await trx
    .insertInto('billing_charges')
    .values({
      workspace_id: workspaceId,
      charge_id: charge.id,
      invoice_id: charge.invoice,
      payment_intent_id: charge.payment_intent,
      amount_minor: charge.amount,
      refunded_minor: charge.amount_refunded,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'charge_id']).doUpdateSet({
        invoice_id: sql`coalesce(billing_charges.invoice_id, excluded.invoice_id)`,
        payment_intent_id: sql`coalesce(billing_charges.payment_intent_id, excluded.payment_intent_id)`,
        amount_minor: sql`coalesce(excluded.amount_minor, billing_charges.amount_minor)`,
        refunded_minor: sql`greatest(billing_charges.refunded_minor, excluded.refunded_minor)`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

/**
 * A dispute opened or closed. Closed states never reopen, so a late `created` after a `closed`
 * leaves the outcome alone. Stripe's `warning_closed` (an inquiry) costs nothing, like a win.
 */
export async function recordDispute(
  trx: Trx,
  workspaceId: string,
  dispute: StripeDispute,
  closed: boolean,
): Promise<'open' | 'won' | 'lost'> {
  const status = !closed ? 'open' : dispute.status === 'lost' ? 'lost' : 'won'
  const chargeId = dispute.charge ?? `dispute:${dispute.id}`
  await trx
    .insertInto('billing_charges')
    .values({
      workspace_id: workspaceId,
      charge_id: chargeId,
      invoice_id: dispute.invoice,
      payment_intent_id: dispute.payment_intent,
      dispute_id: dispute.id,
      dispute_status: status,
      disputed_minor: dispute.amount,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'charge_id']).doUpdateSet({
        dispute_id: dispute.id,
        invoice_id: sql`coalesce(billing_charges.invoice_id, excluded.invoice_id)`,
        payment_intent_id: sql`coalesce(billing_charges.payment_intent_id, excluded.payment_intent_id)`,
        dispute_status: sql`case when billing_charges.dispute_status in ('won', 'lost') then billing_charges.dispute_status else excluded.dispute_status end`,
        disputed_minor: dispute.amount,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute()
  return status
}

/** The invoice a charge paid, if it has been counted (a refund may arrive before it). */
export async function invoiceOfCharge(
  trx: Trx,
  workspaceId: string,
  chargeId: string,
): Promise<string | null> {
  const charge = await trx
    .selectFrom('billing_charges')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('charge_id', '=', chargeId)
    .executeTakeFirst()
  const row = await trx
    .selectFrom('billing_invoices')
    .select('invoice_id')
    .where('workspace_id', '=', workspaceId)
    .where(invoicePaidByCharge(chargeId, charge))
    .executeTakeFirst()
  return row?.invoice_id ?? null
}

function lostOn(charge: BillingChargeRow, paid: number): number {
  const ceiling = charge.amount_minor ?? paid
  const disputed = charge.dispute_status === 'lost' ? charge.disputed_minor : 0
  return Math.min(ceiling, charge.refunded_minor + disputed)
}

/**
 * Takes back what an invoice earned, in proportion to what was refunded or lost in disputes so
 * far. Only the growth since the last call is applied, so redeliveries and out-of-order events
 * change nothing twice. Returns what happened in words, or null when nothing new was lost.
 */
export async function applyLosses(
  trx: Trx,
  workspaceId: string,
  invoiceId: string,
): Promise<string | null> {
  const invoice = await trx
    .selectFrom('billing_invoices')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('invoice_id', '=', invoiceId)
    .forUpdate()
    .executeTakeFirst()
  if (!invoice || invoice.paid_minor <= 0) return null
  const charges = await trx
    .selectFrom('billing_charges')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(chargesOfInvoice(invoice))
    .execute()
  const lost = Math.min(
    invoice.paid_minor,
    charges.reduce((sum, charge) => sum + lostOn(charge, invoice.paid_minor), 0),
  )
  if (lost <= invoice.lost_minor) return null
  await trx
    .updateTable('billing_invoices')
    .set({ lost_minor: lost })
    .where('workspace_id', '=', workspaceId)
    .where('invoice_id', '=', invoiceId)
    .execute()
  const full = lost >= invoice.paid_minor
  const lostDispute = charges.some((charge) => charge.dispute_status === 'lost')
  const reason = `${lostDispute ? 'Dispute lost' : full ? 'Refunded' : 'Partly refunded'} in Stripe: ${formatMoney(lost, invoice.currency)} of ${formatMoney(invoice.paid_minor, invoice.currency)} on invoice ${invoiceId}`
  const notes: string[] = []
  if (invoice.commission_reward_id && invoice.commission_minor) {
    const before = shareOf(invoice.commission_minor, invoice.lost_minor, invoice.paid_minor)
    const after = shareOf(invoice.commission_minor, lost, invoice.paid_minor)
    notes.push(
      await takeBack(trx, workspaceId, invoice.commission_reward_id, {
        amount: after - before,
        full,
        reason,
        key: `stripe:invoice:${invoiceId}:lost:${lost}`,
      }),
    )
  }
  // A fixed reward for the conversion itself goes only when the whole first payment is gone.
  if (full && invoice.qualified_referral) {
    const conversionRewards = await trx
      .selectFrom('rewards')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('referral_id', '=', invoice.referral_id)
      .where('idempotency_key', 'like', 'rule:%')
      .where('status', 'not in', VOID_REWARD_STATUSES)
      .execute()
    for (const reward of conversionRewards) {
      notes.push(
        await takeBack(trx, workspaceId, reward.id, {
          amount: null,
          full: true,
          reason,
          key: `stripe:invoice:${invoiceId}:conversion:${reward.id}`,
        }),
      )
    }
  }
  return `${reason}. ${notes.join(' ')}`.trim()
}

/**
 * Before fulfilment: reversed (all of it) or reduced (a share). After: what the recipient already
 * has is recorded as a negative adjustment against their next rewards in that currency.
 * `amount` null means the whole reward.
 */
async function takeBack(
  trx: Trx,
  workspaceId: string,
  rewardId: string,
  change: { amount: number | null; full: boolean; reason: string; key: string },
): Promise<string> {
  const reward = await trx
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', rewardId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  if (reward.status === 'reversed' || reward.status === 'declined') return ''
  if (reward.status === 'fulfilled') return recordAdjustment(trx, reward, change)
  const current = reward.amount_minor ?? 0
  const remaining = change.amount === null ? 0 : current - change.amount
  if (change.full || remaining <= 0) {
    await decideRewardIn(trx, {
      workspaceId,
      rewardId,
      to: 'reversed',
      reason: change.reason,
      actor: PAYMENT_ACTOR,
    })
    return `Reward ${rewardId} reversed.`
  }
  if (change.amount === 0) return ''
  await trx
    .updateTable('rewards')
    .set({ amount_minor: remaining, updated_at: sql<Date>`now()` })
    .where('id', '=', rewardId)
    .execute()
  await recordEvent(trx, {
    workspaceId,
    type: 'reward.reduced',
    subject: { type: 'reward', id: rewardId },
    actor: PAYMENT_ACTOR,
    data: {
      fromMinor: current,
      toMinor: remaining,
      currency: reward.currency,
      reason: change.reason,
    },
  })
  return `Reward reduced to ${formatMoney(remaining, reward.currency ?? 'USD')}.`
}

async function recordAdjustment(
  trx: Trx,
  reward: RewardRow,
  change: { amount: number | null; reason: string; key: string },
): Promise<string> {
  const amount = change.amount ?? reward.amount_minor ?? 0
  if (!reward.currency || amount <= 0) {
    await recordEvent(trx, {
      workspaceId: reward.workspace_id,
      type: 'reward.clawback_not_possible',
      subject: { type: 'reward', id: reward.id },
      actor: PAYMENT_ACTOR,
      data: { reason: change.reason, why: 'the reward carries no money to take back' },
    })
    return 'The reward was already delivered and carries no money to take back.'
  }
  const inserted = await trx
    .insertInto('reward_adjustments')
    .values({
      workspace_id: reward.workspace_id,
      participant_id: reward.participant_id,
      source_reward_id: reward.id,
      currency: reward.currency,
      amount_minor: amount,
      remaining_minor: amount,
      reason: change.reason,
      idempotency_key: change.key,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return ''
  await recordEvent(trx, {
    workspaceId: reward.workspace_id,
    type: 'reward.adjustment_recorded',
    subject: { type: 'reward', id: reward.id },
    actor: PAYMENT_ACTOR,
    data: {
      adjustmentId: inserted.id,
      amountMinor: -amount,
      currency: reward.currency,
      reason: change.reason,
    },
  })
  return `Already paid out: ${formatMoney(amount, reward.currency)} will be deducted from the referrer's next rewards.`
}
