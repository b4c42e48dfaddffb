import type { StripeEventStatus } from '../../db/tables/stripe-billing.js'
import type { Trx } from '../ledger/db-types.js'
import { applyInvoicePaid } from './invoice-paid.js'
import { linkCustomer, matchPayer, type PayerMatch } from './matching.js'
import { applyLosses, invoiceOfCharge, recordDispute, recordRefund } from './payment-losses.js'
import {
  chargeSchema,
  disputeSchema,
  invoiceSchema,
  knownCurrency,
  type PayerFacts,
  type StripeEventEnvelope,
} from './stripe-event.js'
import { reopenUnmatched } from './stripe-events.js'

export interface AppliedEvent {
  readonly status: StripeEventStatus
  readonly outcome: string
  readonly referralId: string | null
  /** Unmatched events of the same customer, reopened now that we know who it is. */
  readonly reopened: string[]
}

const METHOD_WORDS: Record<PayerMatch['method'], string> = {
  customer: 'the Stripe customer already known',
  client_reference_id: "the checkout's client_reference_id",
  referral_code: 'metadata referral_code',
  intercom_contact_id: 'metadata intercom_contact_id',
  email: 'email',
}

function unmatched(
  facts: PayerFacts & { attributionNote?: string | null },
  known: boolean,
): AppliedEvent {
  const keys = [
    facts.customerId ? `customer ${facts.customerId}` : null,
    facts.email ? `email ${facts.email}` : null,
    facts.contactId ? `Intercom contact ${facts.contactId}` : null,
    facts.code ? `code ${facts.code.value}` : null,
  ].filter(Boolean)
  const who = keys.length > 0 ? keys.join(', ') : 'no customer, email or code'
  const note = facts.attributionNote ? ` (${facts.attributionNote})` : ''
  return {
    status: 'unmatched',
    outcome: known
      ? `${who} is known but was not referred${note}; kept until they are.`
      : `No referred friend matches ${who}${note}; kept until one does.`,
    referralId: null,
    reopened: [],
  }
}

/** One event's effect on the ledger, inside its transaction (see process-stripe-event.ts). */
export async function applyStripeEvent(
  trx: Trx,
  workspaceId: string,
  eventRowId: string,
  event: StripeEventEnvelope,
  facts: PayerFacts & { attributionNote?: string | null },
): Promise<AppliedEvent> {
  const object = event.data.object
  if (event.type === 'charge.dispute.created' || event.type === 'charge.dispute.closed') {
    return applyDispute(trx, workspaceId, event.type === 'charge.dispute.closed', object)
  }
  if (event.type === 'charge.refunded') {
    const charge = chargeSchema.parse(object)
    if (!knownCurrency(charge.currency))
      return refusedCurrency(charge.currency, `refund on ${charge.id}`)
    await recordRefund(trx, workspaceId, charge)
    const invoiceId = await invoiceOfCharge(trx, workspaceId, charge.id)
    if (invoiceId) return afterLosses(trx, workspaceId, invoiceId, `Refund on ${charge.id}`)
  }

  const match = await matchPayer(trx, workspaceId, facts)
  let reopened: string[] = []
  if (match && facts.customerId) {
    await linkCustomer(trx, workspaceId, facts.customerId, match)
    reopened = (
      await reopenUnmatched(trx, workspaceId, { customerIds: [facts.customerId] })
    ).filter((id) => id !== eventRowId)
  }
  if (!match?.referralId) return { ...unmatched(facts, match !== null), reopened }
  const matched = `Matched by ${METHOD_WORDS[match.method]}.`
  const done = (outcome: string): AppliedEvent => ({
    status: 'processed',
    outcome: `${matched} ${outcome}`,
    referralId: match.referralId,
    reopened,
  })
  switch (event.type) {
    case 'invoice.paid': {
      const result = await applyInvoicePaid(
        trx,
        workspaceId,
        match.referralId,
        invoiceSchema.parse(object),
      )
      return { ...done(result.outcome), status: result.status }
    }
    case 'charge.refunded':
      return done('Refund recorded before its invoice: it applies when invoice.paid arrives.')
    case 'checkout.session.completed':
      return done(
        facts.attributionNote
          ? `Checkout completed; ${facts.attributionNote}.`
          : 'Checkout completed.',
      )
    case 'customer.subscription.deleted':
      return done('Subscription cancelled: no further invoices, so no further commissions.')
    default:
      return done('Customer linked to the referred friend.')
  }
}

function refusedCurrency(currency: string, what: string): AppliedEvent {
  return {
    status: 'refused',
    outcome: `The ${what} is in "${currency}", a currency this app does not know; nothing was changed.`,
    referralId: null,
    reopened: [],
  }
}

async function applyDispute(
  trx: Trx,
  workspaceId: string,
  closed: boolean,
  object: unknown,
): Promise<AppliedEvent> {
  const dispute = disputeSchema.parse(object)
  if (!knownCurrency(dispute.currency))
    return refusedCurrency(dispute.currency, `dispute ${dispute.id}`)
  const status = await recordDispute(trx, workspaceId, dispute, closed)
  const invoiceId = dispute.charge ? await invoiceOfCharge(trx, workspaceId, dispute.charge) : null
  if (!invoiceId) {
    return {
      status: 'processed',
      outcome: `Dispute ${dispute.id} (${status}) recorded; its payment is not known yet, so it applies when the invoice arrives.`,
      referralId: null,
      reopened: [],
    }
  }
  if (status === 'lost')
    return afterLosses(trx, workspaceId, invoiceId, `Dispute ${dispute.id} lost`)
  const referralId = await referralOfInvoice(trx, workspaceId, invoiceId)
  return {
    status: 'processed',
    outcome:
      status === 'open'
        ? `Dispute ${dispute.id} opened on invoice ${invoiceId}: its rewards stay on hold until it closes.`
        : `Dispute ${dispute.id} closed in your favour: nothing taken back.`,
    referralId,
    reopened: [],
  }
}

async function afterLosses(
  trx: Trx,
  workspaceId: string,
  invoiceId: string,
  what: string,
): Promise<AppliedEvent> {
  const applied = await applyLosses(trx, workspaceId, invoiceId)
  return {
    status: 'processed',
    outcome: applied ?? `${what}: already taken into account.`,
    referralId: await referralOfInvoice(trx, workspaceId, invoiceId),
    reopened: [],
  }
}

async function referralOfInvoice(
  trx: Trx,
  workspaceId: string,
  invoiceId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('billing_invoices')
    .select('referral_id')
    .where('workspace_id', '=', workspaceId)
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst()
  return row?.referral_id ?? null
}
