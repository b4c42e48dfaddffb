import type { BillingSettings } from '../ledger/campaign-settings.js'
import { getCampaign } from '../ledger/campaigns.js'
import type { Trx } from '../ledger/db-types.js'
import { commissionMinor } from '../rewards/reward-amounts.js'
import { approveRewardIn } from '../rewards/reward-approval.js'
import { holdUntilFor, PAYMENT_ACTOR } from '../rewards/reward-hold.js'
import { qualifyReferralIn } from '../ledger/referrals.js'
import { issueReward } from '../ledger/rewards.js'
import { formatMoneyCode as formatMoney } from '../money/format.js'
import { addMonths } from './money.js'
import { applyLosses } from './payment-losses.js'
import { invoiceNetMinor, knownCurrency, type StripeInvoice } from './stripe-event.js'

export type EffectOutcome = { status: 'processed' | 'refused'; outcome: string }

/**
 * A referred friend paid an invoice: it may qualify the referral (first payment) and earn the
 * referrer a commission; refunds or disputes that arrived before it are applied at once.
 * Runs inside the event's transaction; the invoice is counted once whatever the redeliveries.
 */
export async function applyInvoicePaid(
  trx: Trx,
  workspaceId: string,
  referralId: string,
  invoice: StripeInvoice,
): Promise<EffectOutcome> {
  const currency = knownCurrency(invoice.currency)
  if (!currency) {
    return {
      status: 'refused',
      outcome: `Invoice ${invoice.id} is in "${invoice.currency}", a currency this app does not know, so it neither qualifies nor earns a commission.`,
    }
  }
  const referral = await trx
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', referralId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const campaign = await getCampaign(trx, workspaceId, referral.campaign_id)
  const rules = campaign.settings.billing
  const net = invoiceNetMinor(invoice)
  const paidAt = new Date((invoice.status_transitions?.paid_at ?? invoice.created) * 1000)
  const inserted = await trx
    .insertInto('billing_invoices')
    .values({
      workspace_id: workspaceId,
      invoice_id: invoice.id,
      referral_id: referralId,
      customer_id: invoice.customer,
      charge_id: invoice.charge,
      payment_intent_id: invoice.payment_intent,
      currency,
      paid_minor: invoice.amount_paid,
      net_minor: net,
      paid_at: paidAt,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'invoice_id']).doNothing())
    .returning('invoice_id')
    .executeTakeFirst()
  if (!inserted)
    return { status: 'processed', outcome: `Invoice ${invoice.id} was already counted.` }

  const notes = [`Paid ${formatMoney(net, currency)} after tax and discounts.`]
  const trial = net === 0 && rules.excludeTrials
  if (rules.qualifyOnFirstPayment && referral.status === 'pending') {
    notes.push(
      await qualifyOnPayment(trx, workspaceId, referralId, invoice.id, net, currency, rules, trial),
    )
  }
  if (rules.commissionPercent !== null && referral.status !== 'rejected' && net > 0 && !trial) {
    notes.push(
      await earnCommission(trx, {
        workspaceId,
        referral: {
          id: referralId,
          campaignId: referral.campaign_id,
          referrerParticipantId: referral.referrer_participant_id,
        },
        invoiceId: invoice.id,
        net,
        currency,
        paidAt,
        rules,
        holdUntil: holdUntilFor(campaign.settings, PAYMENT_ACTOR),
        manualApproval: campaign.settings.rewards.manualApproval,
      }),
    )
  }
  const late = await applyLosses(trx, workspaceId, invoice.id)
  if (late) notes.push(late)
  return { status: 'processed', outcome: notes.join(' ') }
}

async function qualifyOnPayment(
  trx: Trx,
  workspaceId: string,
  referralId: string,
  invoiceId: string,
  net: number,
  currency: string,
  rules: BillingSettings,
  trial: boolean,
): Promise<string> {
  if (trial) return 'A free-trial invoice does not qualify the referral.'
  if (rules.minimumAmountMinor !== null) {
    const minimumCurrency = rules.minimumCurrency ?? currency
    if (minimumCurrency !== currency) {
      return `Not qualifying: the minimum is set in ${minimumCurrency} and this invoice is in ${currency}.`
    }
    if (net < rules.minimumAmountMinor) {
      return `Not qualifying: below the minimum of ${formatMoney(rules.minimumAmountMinor, currency)}.`
    }
  }
  const result = await qualifyReferralIn(trx, {
    workspaceId,
    referralId,
    actor: PAYMENT_ACTOR,
    reason: `first paid invoice ${invoiceId}`,
  })
  if (result.heldForReview) return 'The referral waits for a fraud review before it can qualify.'
  if (!result.changed) return 'The referral was already qualified.'
  await trx
    .updateTable('billing_invoices')
    .set({ qualified_referral: true })
    .where('workspace_id', '=', workspaceId)
    .where('invoice_id', '=', invoiceId)
    .execute()
  return 'Qualified the referral.'
}

async function earnCommission(
  trx: Trx,
  input: {
    workspaceId: string
    referral: { id: string; campaignId: string; referrerParticipantId: string }
    invoiceId: string
    net: number
    currency: string
    paidAt: Date
    rules: BillingSettings
    holdUntil: Date | null
    manualApproval: boolean
  },
): Promise<string> {
  const { rules } = input
  const first = await trx
    .selectFrom('billing_invoices')
    .select(['invoice_id', 'paid_at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('referral_id', '=', input.referral.id)
    .where('net_minor', '>', 0)
    .orderBy('paid_at')
    .orderBy('invoice_id')
    .executeTakeFirstOrThrow()
  if (rules.commissionDuration === 'first_invoice' && first.invoice_id !== input.invoiceId) {
    return 'No commission: only the first invoice earns one.'
  }
  if (rules.commissionDuration === 'months') {
    const end = addMonths(first.paid_at, rules.commissionMonths)
    if (input.paidAt.getTime() >= end.getTime()) {
      return `No commission: the ${rules.commissionMonths} months of commission ended on ${end.toISOString().slice(0, 10)}.`
    }
  }
  const percent = rules.commissionPercent ?? 0
  const amount = commissionMinor(input.net, percent)
  if (amount === 0) return 'No commission: it rounds to zero.'
  const issued = await issueReward(trx, {
    workspaceId: input.workspaceId,
    campaignId: input.referral.campaignId,
    referralId: input.referral.id,
    participantId: input.referral.referrerParticipantId,
    recipientRole: 'referrer',
    kind: 'commission',
    amountMinor: amount,
    currency: input.currency,
    description: `${percent} % of invoice ${input.invoiceId}`,
    idempotencyKey: `stripe:invoice:${input.invoiceId}:commission`,
    initialStatus: 'pending',
    holdUntil: input.holdUntil,
    actor: PAYMENT_ACTOR,
  })
  await trx
    .updateTable('billing_invoices')
    .set({ commission_reward_id: issued.reward.id, commission_minor: amount })
    .where('workspace_id', '=', input.workspaceId)
    .where('invoice_id', '=', input.invoiceId)
    .execute()
  if (!input.holdUntil && !input.manualApproval && issued.created) {
    await approveRewardIn(trx, {
      workspaceId: input.workspaceId,
      rewardId: issued.reward.id,
      actor: PAYMENT_ACTOR,
    })
  }
  const waits = input.holdUntil
    ? ` on hold until ${input.holdUntil.toISOString().slice(0, 10)}`
    : input.manualApproval
      ? ' waiting for approval'
      : ''
  return `Commission ${formatMoney(amount, input.currency)} (${percent} %)${waits}.`
}
