import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'

// Stripe links an invoice and the charges that paid it by whichever ids the webhook carried: the
// invoice id, the charge id or the payment intent. Both directions match on the same three.

interface InvoiceIds {
  readonly invoice_id: string
  readonly charge_id: string | null
  readonly payment_intent_id: string | null
}

interface ChargeIds {
  readonly invoice_id: string | null
  readonly payment_intent_id: string | null
}

/** A `where` on billing_charges: the charges that paid this invoice. */
export function chargesOfInvoice(invoice: InvoiceIds) {
  return (eb: ExpressionBuilder<Database, 'billing_charges'>) =>
    eb.or([
      eb('invoice_id', '=', invoice.invoice_id),
      ...(invoice.charge_id ? [eb('charge_id', '=', invoice.charge_id)] : []),
      ...(invoice.payment_intent_id
        ? [eb('payment_intent_id', '=', invoice.payment_intent_id)]
        : []),
    ])
}

/** A `where` on billing_invoices: the invoice this charge paid (its row may not be stored yet). */
export function invoicePaidByCharge(chargeId: string, charge: ChargeIds | undefined) {
  return (eb: ExpressionBuilder<Database, 'billing_invoices'>) =>
    eb.or([
      eb('charge_id', '=', chargeId),
      ...(charge?.invoice_id ? [eb('invoice_id', '=', charge.invoice_id)] : []),
      ...(charge?.payment_intent_id
        ? [eb('payment_intent_id', '=', charge.payment_intent_id)]
        : []),
    ])
}
