import { z } from 'zod'
import { stripeConnectionView } from '../../../billing/stripe-connection.js'
import {
  billingEventsOfReferral,
  recentBillingEvents,
  unmatchedBillingEvents,
} from '../../../billing/stripe-events.js'
import type { AppContext } from '../../../context.js'
import { getReferral } from '../../../ledger/referrals.js'
import { stripeWebhookUrl } from '../admin-api/billing.js'
import { billingBody } from './billing-page.js'
import type { PageHandler } from './page-handler.js'

const referralQuery = z.object({ referral: z.uuid().optional().catch(undefined) })

/** GET /admin/w/:workspaceId/billing[?referral=<id>] */
export async function billingPage(
  ctx: AppContext,
  { workspace, base, req }: Parameters<PageHandler>[0],
): ReturnType<PageHandler> {
  const { referral: referralId } = referralQuery.parse(req.query)
  const referral = referralId ? await getReferral(ctx.db, workspace.id, referralId) : null
  return {
    options: { title: 'Billing (Stripe)', current: 'billing' },
    body: billingBody({
      base,
      api: `/api/v1/workspaces/${encodeURIComponent(workspace.id)}/billing/stripe`,
      webhookUrl: stripeWebhookUrl(ctx.config.publicUrl, workspace.id),
      connection: await stripeConnectionView(ctx.db, workspace.id),
      unmatched: await unmatchedBillingEvents(ctx.db, workspace.id, 100),
      recent: await recentBillingEvents(ctx.db, workspace.id, 50),
      referral: referral
        ? {
            id: referral.id,
            events: await billingEventsOfReferral(ctx.db, workspace.id, referral.id),
          }
        : null,
    }),
  }
}
