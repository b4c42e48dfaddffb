import { Router } from 'express'
import type { AppContext } from '../../context.js'
import { isHandledTopic, notificationEnvelopeSchema } from '../../intercom/webhook-payload.js'
import { notificationAcks } from '../notification-acks.js'
import { ensureWorkspaceKnown } from '../../ledger/workspaces.js'
import { endAdminSessions } from '../live-sessions.js'
import { parse } from '../parse.js'

// https://developers.intercom.com/docs/references/2.11/webhooks/webhook-models (Admin topics)
const ADMIN_REMOVED = 'admin.removed_from_workspace'
import { verifyWebhookSignature } from '../verify-signature.js'

/**
 * Intercom webhooks: verified, stored once per notification id in one statement, acknowledged.
 * Intercom waits 5 s at most and retries once, so no work happens here: the stored row is the
 * processor's queue (src/webhooks/notification-worker.ts).
 */
export function intercomWebhookRoutes(ctx: AppContext): Router {
  const router = Router()
  const accept = notificationAcks(ctx.db, ctx.config.requestWaitMs)

  // HEAD /intercom/webhooks - Intercom checks the URL answers before saving the subscription
  router.head('/intercom/webhooks', (_req, res) => {
    res.status(200).end()
  })

  // POST /intercom/webhooks - a signed notification (X-Hub-Signature)
  router.post('/intercom/webhooks', verifyWebhookSignature(ctx.config), async (req, res) => {
    const notification = parse(notificationEnvelopeSchema, req.body, 'notification')
    // A teammate removed from the workspace loses their dashboard session at once.
    if (notification.topic === ADMIN_REMOVED) {
      const email = notification.data.item.email
      if (typeof email === 'string' && email.trim())
        await endAdminSessions(ctx.db, notification.app_id, email)
      res.json({ received: true })
      return
    }
    // ping, tag and other topics are acknowledged so Intercom keeps the subscription healthy.
    if (!isHandledTopic(notification.topic)) {
      res.json({ received: true, ignored: true })
      return
    }
    const workspaceId = notification.app_id
    await ensureWorkspaceKnown(ctx.db, { id: workspaceId }, ctx.knownWorkspaces ?? null)
    const created = await accept({
      workspaceId,
      notificationId: notification.id,
      topic: notification.topic,
      notifiedAt: new Date(notification.created_at * 1000),
      // As received (the signature was checked on these bytes); no need to serialize it again,
      // unless it held text PostgreSQL refuses (then the cleaned body).
      payloadJson:
        req.is('application/json') && req.rawBody && !req.bodyCleaned
          ? req.rawBody.toString('utf8')
          : JSON.stringify(req.body),
    })
    res.json({ received: true, duplicate: !created })
  })

  return router
}
