import { z } from 'zod'
import {
  connectStripe,
  disconnectStripe,
  stripeConnectionView,
  type StripeConnectionView,
} from '../../../billing/stripe-connection.js'
import {
  type BillingEventView,
  billingEventsOfReferral,
  unmatchedBillingEvents,
} from '../../../billing/stripe-events.js'
import type { AppContext } from '../../../context.js'
import { AppError } from '../../../errors.js'
import { getReferral } from '../../../ledger/referrals.js'
import type { AdminApi } from './api-route.js'
import { iso, isoOf, uuid, workspaceParams } from './schemas.js'

const connectionSchema = z.object({
  connected: z.boolean(),
  keyHint: z.string().nullable().describe('mode and last four characters of the secret key'),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  livemode: z.boolean(),
  verifiedAt: iso.nullable(),
  webhookUrl: z.string().describe("the URL to add as an endpoint in Stripe's dashboard"),
})

const connectBody = z.object({
  secretKey: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('sk_live_…, sk_test_… or a restricted rk_ key'),
  webhookSecret: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe("the endpoint's signing secret, whsec_…"),
})

const billingEventSchema = z.object({
  id: z.uuid(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['received', 'processed', 'unmatched', 'refused']),
  outcome: z.string().nullable(),
  customerId: z.string().nullable(),
  email: z.string().nullable(),
  referralId: z.uuid().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  occurredAt: iso,
  receivedAt: iso,
})

const eventsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(200) })

function eventOut(event: BillingEventView) {
  return { ...event, occurredAt: isoOf(event.occurredAt), receivedAt: isoOf(event.receivedAt) }
}

export function stripeWebhookUrl(publicUrl: string, workspaceId: string): string {
  return `${publicUrl}/billing/stripe/${encodeURIComponent(workspaceId)}/webhooks`
}

function connectionOut(ctx: AppContext, workspaceId: string, view: StripeConnectionView) {
  return {
    ...view,
    verifiedAt: isoOf(view.verifiedAt),
    webhookUrl: stripeWebhookUrl(ctx.config.publicUrl, workspaceId),
  }
}

export function billingRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/billing'

  // GET /api/v1/workspaces/:workspaceId/billing/stripe - whether Stripe is connected (never the keys)
  api.route(
    {
      method: 'get',
      path: `${base}/stripe`,
      operationId: 'getStripeConnection',
      summary: "The workspace's Stripe connection, and the webhook URL to give Stripe",
      tag: 'billing',
      params: workspaceParams,
      response: connectionSchema,
    },
    async ({ workspace }) =>
      connectionOut(ctx, workspace.id, await stripeConnectionView(ctx.db, workspace.id)),
  )

  // PUT /api/v1/workspaces/:workspaceId/billing/stripe - connect: the key is tried, then both secrets stored encrypted
  api.route(
    {
      method: 'put',
      path: `${base}/stripe`,
      operationId: 'connectStripe',
      summary:
        'Connect Stripe: checks the secret key with Stripe, then stores both secrets encrypted',
      tag: 'billing',
      params: workspaceParams,
      body: connectBody,
      response: connectionSchema,
    },
    async ({ workspace, body }) =>
      connectionOut(ctx, workspace.id, await connectStripe(ctx, workspace.id, body)),
  )

  // DELETE /api/v1/workspaces/:workspaceId/billing/stripe - forget the keys; the billing history stays
  api.route(
    {
      method: 'delete',
      path: `${base}/stripe`,
      operationId: 'disconnectStripe',
      summary: 'Disconnect Stripe (events stop being accepted; history stays)',
      tag: 'billing',
      params: workspaceParams,
      response: z.object({ disconnected: z.boolean() }),
    },
    async ({ workspace }) => ({ disconnected: await disconnectStripe(ctx.db, workspace.id) }),
  )

  // GET /api/v1/workspaces/:workspaceId/billing/unmatched - events no referred friend explains yet
  api.route(
    {
      method: 'get',
      path: `${base}/unmatched`,
      operationId: 'listUnmatchedBillingEvents',
      summary:
        'Stripe events that match no referred friend yet (re-matched when one appears), newest first',
      tag: 'billing',
      params: workspaceParams,
      query: eventsQuery,
      response: z.object({ items: z.array(billingEventSchema) }),
    },
    async ({ workspace, query }) => ({
      items: (await unmatchedBillingEvents(ctx.db, workspace.id, query.limit)).map(eventOut),
    }),
  )

  // GET /api/v1/workspaces/:workspaceId/referrals/:referralId/billing-events - a referral's payments, refunds and disputes
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/referrals/:referralId/billing-events',
      operationId: 'listReferralBillingEvents',
      summary: "A referral's Stripe events and what each did, oldest first",
      tag: 'billing',
      params: workspaceParams.extend({ referralId: uuid }),
      query: eventsQuery,
      response: z.object({ items: z.array(billingEventSchema) }),
    },
    async ({ workspace, params, query }) => {
      if (!(await getReferral(ctx.db, workspace.id, params.referralId))) {
        throw new AppError('not_found', 'That referral was not found.')
      }
      return {
        items: (
          await billingEventsOfReferral(ctx.db, workspace.id, params.referralId, query.limit)
        ).map(eventOut),
      }
    },
  )
}
