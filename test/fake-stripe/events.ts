import { randomBytes } from 'node:crypto'

const hex = (bytes = 10) => randomBytes(bytes).toString('hex')
let clock = 1_790_000_000

/** Stripe's event envelope around an object (API version 2024-06-20 shapes). */
export function stripeEvent(type: string, object: Record<string, unknown>, created?: number) {
  return {
    id: `evt_${hex(12)}`,
    object: 'event',
    api_version: '2024-06-20',
    created: created ?? (clock += 10),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  }
}

export interface InvoiceInput {
  customer: string
  email?: string | null
  /** Paid, in minor units, tax included. */
  amountPaid: number
  tax?: number
  currency?: string
  created?: number
  id?: string
  chargeId?: string
  billingReason?: string
  metadata?: Record<string, string>
  /** API 2025-03-31 and later: the invoice names neither its charge nor its payment intent. */
  basil?: boolean
}

export function invoicePaid(input: InvoiceInput) {
  const created = input.created ?? (clock += 10)
  const tax = input.tax ?? 0
  const invoice = {
    id: input.id ?? `in_${hex()}`,
    object: 'invoice',
    customer: input.customer,
    customer_email: input.email ?? null,
    currency: input.currency ?? 'usd',
    amount_due: input.amountPaid,
    amount_paid: input.amountPaid,
    subtotal: input.amountPaid - tax,
    total: input.amountPaid,
    total_excluding_tax: input.amountPaid - tax,
    tax,
    charge: input.chargeId ?? `ch_${hex()}`,
    payment_intent: `pi_${hex()}`,
    billing_reason: input.billingReason ?? 'subscription_cycle',
    status: 'paid',
    paid: true,
    created,
    status_transitions: { paid_at: created, finalized_at: created },
    metadata: input.metadata ?? {},
  }
  if (input.basil) {
    const { charge: _charge, payment_intent: _intent, ...newer } = invoice
    return { invoice, event: stripeEvent('invoice.paid', newer, created) }
  }
  return { invoice, event: stripeEvent('invoice.paid', invoice, created) }
}

export function chargeRefunded(input: {
  chargeId: string
  invoiceId: string | null
  customer: string
  amount: number
  refunded: number
  currency?: string
  created?: number
  paymentIntent?: string | null
}) {
  return stripeEvent(
    'charge.refunded',
    {
      id: input.chargeId,
      object: 'charge',
      amount: input.amount,
      amount_captured: input.amount,
      amount_refunded: input.refunded,
      refunded: input.refunded >= input.amount,
      currency: input.currency ?? 'usd',
      customer: input.customer,
      invoice: input.invoiceId,
      payment_intent: input.paymentIntent ?? null,
      billing_details: { email: null },
    },
    input.created,
  )
}

export function disputeEvent(
  type: 'charge.dispute.created' | 'charge.dispute.closed',
  input: { id?: string; chargeId: string; amount: number; status: string; currency?: string },
) {
  return stripeEvent(type, {
    id: input.id ?? `dp_${hex()}`,
    object: 'dispute',
    charge: input.chargeId,
    amount: input.amount,
    currency: input.currency ?? 'usd',
    status: input.status,
    reason: 'fraudulent',
    payment_intent: null,
  })
}

export function checkoutCompleted(input: {
  customer: string
  email: string
  clientReferenceId?: string
  metadata?: Record<string, string>
}) {
  return stripeEvent('checkout.session.completed', {
    id: `cs_test_${hex()}`,
    object: 'checkout.session',
    mode: 'subscription',
    customer: input.customer,
    client_reference_id: input.clientReferenceId ?? null,
    customer_details: { email: input.email, name: null },
    amount_total: 4900,
    currency: 'usd',
    payment_status: 'paid',
    metadata: input.metadata ?? {},
  })
}

export function customerEvent(
  type: 'customer.created' | 'customer.updated',
  customer: {
    id: string
    email: string | null
    name?: string | null
    metadata?: Record<string, string>
  },
) {
  return stripeEvent(type, {
    id: customer.id,
    object: 'customer',
    email: customer.email,
    name: customer.name ?? null,
    metadata: customer.metadata ?? {},
    balance: 0,
  })
}

/** Unix seconds of the same instant n calendar months later (UTC), as Stripe bills monthly. */
export function monthsLater(seconds: number, months: number): number {
  const date = new Date(seconds * 1000)
  date.setUTCMonth(date.getUTCMonth() + months)
  return Math.floor(date.getTime() / 1000)
}
