import { createHmac } from 'node:crypto'

/**
 * Stripe's webhook signature scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * with the endpoint's signing secret (whsec_…), exactly as Stripe sends it.
 */
export function stripeSignature(
  rawBody: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const digest = createHmac('sha256', secret)
    .update(`${timestamp}.${rawBody}`, 'utf8')
    .digest('hex')
  return `t=${timestamp},v1=${digest}`
}

/** A JSON body and the headers Stripe would deliver it with. */
export function signedStripeEvent(event: unknown, secret: string, timestamp?: number) {
  const raw = JSON.stringify(event)
  return {
    raw,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': stripeSignature(raw, secret, timestamp),
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
  }
}
