import type { AppContext } from '../context.js'
import { stripeFor } from './stripe-client.js'
import { stripeSecrets } from './stripe-connection.js'
import type { StripeEventEnvelope } from './stripe-event.js'

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/**
 * Since Stripe's 2025-03-31 API version a charge (and a dispute) no longer names its invoice, and
 * an invoice no longer names its charge: the link is an invoice payment. For a refund or dispute
 * that names no invoice, this asks Stripe which invoice its payment intent paid and writes the
 * answer into the event's object as `invoice`, so older and newer payloads are handled alike.
 */
export async function withInvoiceOfPayment(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  event: StripeEventEnvelope,
): Promise<StripeEventEnvelope> {
  const isChargeEvent = event.type === 'charge.refunded' || event.type.startsWith('charge.dispute.')
  const object = event.data.object
  const paymentIntent = text(object.payment_intent)
  if (!isChargeEvent || text(object.invoice) || !paymentIntent) return event
  const secrets = await stripeSecrets(ctx, workspaceId)
  if (!secrets) return event
  try {
    const payments = await (
      await stripeFor(ctx.config, secrets.secretKey)
    ).invoicePayments.list({
      payment: { type: 'payment_intent', payment_intent: paymentIntent },
      limit: 1,
    })
    const invoice = payments.data[0]?.invoice
    const invoiceId = typeof invoice === 'string' ? invoice : (invoice?.id ?? null)
    if (!invoiceId) return event
    return { ...event, data: { object: { ...object, invoice: invoiceId } } }
  } catch (error) {
    ctx.logger.warn(
      { err: error, workspaceId, paymentIntent },
      'stripe: could not find the invoice of a payment; the refund waits for it',
    )
    return event
  }
}
