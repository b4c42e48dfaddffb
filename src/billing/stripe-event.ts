import { z } from 'zod'
import { tryNormalizeEmail } from '../ledger/emails.js'
import { isCurrencyCode } from '../money/currencies.js'
import { fromStripeAmount } from '../money/stripe.js'

/** The Stripe events billing acts on; every other type is acknowledged and ignored. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'invoice.paid',
  'charge.refunded',
  'charge.dispute.created',
  'charge.dispute.closed',
  'customer.subscription.deleted',
  'customer.created',
  'customer.updated',
] as const
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number]

export function isHandledEventType(type: string): type is HandledEventType {
  return (HANDLED_EVENT_TYPES as readonly string[]).includes(type)
}

/** The envelope of every Stripe event (the object itself is read per type below). */
export const stripeEventSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  livemode: z.boolean().optional(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
})
export type StripeEventEnvelope = z.infer<typeof stripeEventSchema>

// Stripe expands some references into objects; either way the id is what we keep.
const idOf = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .nullish()
  .transform((value) =>
    value === null || value === undefined ? null : typeof value === 'string' ? value : value.id,
  )
const money = z.number().int().nonnegative()

export const invoiceSchema = z
  .object({
    id: z.string().min(1),
    customer: idOf,
    currency: z.string().min(1),
    amount_paid: money,
    total: z.number().int(),
    total_excluding_tax: z.number().int().nullish(),
    tax: z.number().int().nullish(),
    charge: idOf,
    payment_intent: idOf,
    billing_reason: z.string().nullish(),
    created: z.number().int(),
    status_transitions: z.object({ paid_at: z.number().int().nullish() }).loose().nullish(),
  })
  .loose()
  .transform((invoice) => {
    const iso = (amount: number) => fromStripeAmount(amount, invoice.currency)
    return {
      ...invoice,
      amount_paid: iso(invoice.amount_paid),
      total: iso(invoice.total),
      total_excluding_tax:
        typeof invoice.total_excluding_tax === 'number'
          ? iso(invoice.total_excluding_tax)
          : invoice.total_excluding_tax,
      tax: typeof invoice.tax === 'number' ? iso(invoice.tax) : invoice.tax,
    }
  })
export type StripeInvoice = z.infer<typeof invoiceSchema>

export const chargeSchema = z
  .object({
    id: z.string().min(1),
    amount: money,
    amount_refunded: money,
    currency: z.string().min(1),
    invoice: idOf,
    payment_intent: idOf,
    customer: idOf,
  })
  .loose()
  .transform((charge) => ({
    ...charge,
    amount: fromStripeAmount(charge.amount, charge.currency),
    amount_refunded: fromStripeAmount(charge.amount_refunded, charge.currency),
  }))
export type StripeCharge = z.infer<typeof chargeSchema>

export const disputeSchema = z
  .object({
    id: z.string().min(1),
    charge: idOf,
    amount: money,
    currency: z.string().min(1),
    status: z.string(),
    payment_intent: idOf,
    /** Not in Stripe's payload: filled in by charge-invoice.ts when the payment names it. */
    invoice: idOf,
  })
  .loose()
  .transform((dispute) => ({
    ...dispute,
    amount: fromStripeAmount(dispute.amount, dispute.currency),
  }))
export type StripeDispute = z.infer<typeof disputeSchema>

/** What an event says about who paid: the keys matching tries, in order. */
export interface PayerFacts {
  readonly customerId: string | null
  /** The referrer's code the checkout carried, and where it was found. */
  readonly code: {
    readonly value: string
    readonly from: 'client_reference_id' | 'referral_code'
  } | null
  readonly contactId: string | null
  readonly email: string | null
  readonly name: string | null
  readonly chargeId: string | null
  readonly amountMinor: number | null
  readonly currency: string | null
}

type Loose = Record<string, unknown>

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function record(value: unknown): Loose {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {}
}

function refId(value: unknown): string | null {
  return text(value) ?? text(record(value).id)
}

/** Metadata from the object and, for invoices, from the subscription it bills. */
function metadataOf(object: Loose): Loose {
  const parent = record(record(object.parent).subscription_details).metadata
  return {
    ...record(record(object.subscription_details).metadata),
    ...record(parent),
    ...record(object.metadata),
  }
}

/** The event's amount in ISO minor units (Stripe's own unit differs for ISK and MGA). */
function amountOf(type: string, object: Loose, currency: string | null): number | null {
  const pick = (key: string) => {
    const amount = object[key]
    if (typeof amount !== 'number') return null
    return currency ? fromStripeAmount(amount, currency) : amount
  }
  if (type === 'invoice.paid') return pick('amount_paid')
  if (type === 'checkout.session.completed') return pick('amount_total')
  if (type === 'charge.refunded') return pick('amount_refunded')
  if (type.startsWith('charge.dispute.')) return pick('amount')
  return null
}

export function payerFacts(event: StripeEventEnvelope): PayerFacts {
  const object = event.data.object
  const metadata = metadataOf(object)
  const isCustomer = event.type === 'customer.created' || event.type === 'customer.updated'
  const details = record(object.customer_details)
  const billing = record(object.billing_details)
  const reference = text(object.client_reference_id)
  const metaCode = text(metadata.referral_code)
  const email =
    text(isCustomer ? object.email : null) ??
    text(object.customer_email) ??
    text(details.email) ??
    text(billing.email) ??
    text(object.receipt_email)
  const currency = text(object.currency)
  return {
    customerId: isCustomer ? text(object.id) : refId(object.customer),
    code: reference
      ? { value: reference, from: 'client_reference_id' }
      : metaCode
        ? { value: metaCode, from: 'referral_code' }
        : null,
    contactId: text(metadata.intercom_contact_id),
    email: email && tryNormalizeEmail(email) ? email : null,
    name: text(isCustomer ? object.name : null) ?? text(object.customer_name) ?? text(details.name),
    chargeId: event.type.startsWith('charge.dispute.') ? refId(object.charge) : null,
    amountMinor: amountOf(event.type, object, currency),
    currency: currency ? currency.toUpperCase() : null,
  }
}

/** An ISO 4217 currency the money module knows (so its minor unit is known), upper-cased; else null. */
export function knownCurrency(raw: string): string | null {
  const code = raw.trim().toUpperCase()
  return isCurrencyCode(code) ? code : null
}

/** What commissions are a percentage of: after discounts, before tax. */
export function invoiceNetMinor(invoice: StripeInvoice): number {
  if (typeof invoice.total_excluding_tax === 'number')
    return Math.max(0, invoice.total_excluding_tax)
  return Math.max(0, invoice.total - (invoice.tax ?? 0))
}
