import { Router } from 'express'
import { enqueueStripeEvents } from '../../billing/process-stripe-event.js'
import { loadStripe } from '../../billing/stripe-client.js'
import { stripeSecrets } from '../../billing/stripe-connection.js'
import { isHandledEventType, stripeEventSchema } from '../../billing/stripe-event.js'
import { storeStripeEvent } from '../../billing/stripe-events.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { parse } from '../parse.js'

/** Stripe's own default: a signature older than 5 minutes is a replay. */
const TOLERANCE_SECONDS = 300

/**
 * Stripe events for one workspace (app-manifest.json billing.stripe_webhook_url): the signature is
 * checked on the raw body with that workspace's signing secret, then the event is stored once per
 * id and its job enqueued in one transaction. Stripe waits briefly, so no work happens here.
 */
export function stripeWebhookRoutes(ctx: AppContext): Router {
  const router = Router()
  // Only the signature helper is used: it needs no key of its own (made on the first Stripe event).
  let signatures: InstanceType<Awaited<ReturnType<typeof loadStripe>>>['webhooks'] | undefined

  // POST /billing/stripe/:workspaceId/webhooks - a signed Stripe event (Stripe-Signature)
  router.post('/billing/stripe/:workspaceId/webhooks', async (req, res) => {
    const workspaceId = String(req.params.workspaceId)
    const secrets = await stripeSecrets(ctx, workspaceId)
    if (!secrets) throw new AppError('not_found', 'Stripe is not connected for this workspace.')
    const header = req.get('stripe-signature')
    if (!header) throw new AppError('unauthorized', 'Missing Stripe-Signature header.')
    signatures ??= new (await loadStripe())('sk_signature_check_only').webhooks
    try {
      signatures.constructEvent(
        req.rawBody ?? Buffer.alloc(0),
        header,
        secrets.webhookSecret,
        TOLERANCE_SECONDS,
      )
    } catch {
      throw new AppError(
        'unauthorized',
        "Invalid Stripe-Signature: the event is not signed with this workspace's webhook secret.",
      )
    }
    const event = parse(stripeEventSchema, req.body, 'event')
    if (!isHandledEventType(event.type)) {
      res.json({ received: true, ignored: true })
      return
    }
    const stored = await ctx.db.transaction().execute(async (trx) => {
      const result = await storeStripeEvent(trx, workspaceId, event)
      if (result.created && ctx.jobs) await enqueueStripeEvents(ctx.jobs, trx, [result.id])
      return result
    })
    res.json({ received: true, duplicate: !stored.created })
  })

  return router
}
