import { Router } from 'express'
import { type AppContext } from '../../context.js'
import { isHandledTopic, notificationSchema } from '../../intercom/webhook-payload.js'
import { enqueueNotification } from '../../jobs/notification-worker.js'
import { storeNotification } from '../../ledger/webhook-notifications.js'
import { ensureWorkspaceKnown } from '../../ledger/workspaces.js'
import { parse } from '../parse.js'
import { verifyWebhookSignature } from '../verify-signature.js'

/**
 * Intercom webhooks: verified, stored once per notification id and enqueued in one transaction,
 * then acknowledged. Intercom waits 5 s at most and retries once, so no work happens here.
 */
export function intercomWebhookRoutes(ctx: AppContext): Router {
  const router = Router()

  // HEAD /intercom/webhooks - Intercom checks the URL answers before saving the subscription
  router.head('/intercom/webhooks', (_req, res) => {
    res.status(200).end()
  })

  // POST /intercom/webhooks - a signed notification (X-Hub-Signature)
  router.post('/intercom/webhooks', verifyWebhookSignature(ctx.config), async (req, res) => {
    const notification = parse(notificationSchema, req.body, 'notification')
    // ping, tag and other topics are acknowledged so Intercom keeps the subscription healthy.
    if (!isHandledTopic(notification.topic)) {
      res.json({ received: true, ignored: true })
      return
    }
    const workspaceId = notification.app_id
    await ensureWorkspaceKnown(ctx.db, { id: workspaceId })
    const stored = await ctx.db.transaction().execute(async (trx) => {
      const result = await storeNotification(trx, {
        workspaceId,
        notificationId: notification.id,
        topic: notification.topic,
        notifiedAt: new Date(notification.created_at * 1000),
        payload: notification,
      })
      if (result.created && ctx.jobs) await enqueueNotification(ctx.jobs, trx, result.id)
      return result
    })
    res.json({ received: true, duplicate: !stored.created })
  })

  return router
}
