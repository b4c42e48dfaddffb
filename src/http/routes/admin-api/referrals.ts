import { z } from 'zod'
import { listReferrals } from '../../../ledger/admin/listings.js'
import { attributeReferral, qualifyReferral, rejectReferral } from '../../../ledger/referrals.js'
import { actorOf } from './actor.js'
import { type AdminApi } from './api-route.js'
import {
  pageOf,
  pageQuery,
  referralSchema,
  referralStatus,
  uuid,
  workspaceParams,
} from './schemas.js'
import { referralView } from './views.js'
import { viewById } from './view-by-id.js'

const referralParams = workspaceParams.extend({ referralId: uuid })

const person = z
  .object({
    email: z.email({ error: 'must be an email address' }).max(254).optional(),
    name: z.string().trim().max(200).optional(),
    contactId: z.string().trim().min(1).max(100).optional(),
  })
  .refine((p) => p.email !== undefined || p.contactId !== undefined, {
    error: 'needs an email or a contactId',
  })

const createBody = z.object({
  campaignId: uuid.optional().describe('default campaign when omitted'),
  referrer: z.union([
    z.object({ code: z.string().trim().min(1).max(64) }),
    z.object({ referrerId: uuid }),
    z.object({ person }),
  ]),
  friend: person,
})

const viewOf = viewById(listReferrals, referralView, 'referral')

export function referralRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/referrals'

  // GET /api/v1/workspaces/:workspaceId/referrals - newest first, by status or referrer
  api.route(
    {
      method: 'get',
      path: base,
      operationId: 'listReferrals',
      summary: 'List referrals (cursor pagination)',
      tag: 'referrals',
      params: workspaceParams,
      query: pageQuery.extend({
        status: referralStatus.optional(),
        referrerId: uuid.optional(),
        campaignId: uuid.optional(),
      }),
      response: pageOf(referralSchema),
    },
    async ({ workspace, query }) => {
      const page = await listReferrals(ctx.db, workspace.id, query)
      return { items: page.items.map(referralView), nextCursor: page.nextCursor }
    },
  )

  // GET /api/v1/workspaces/:workspaceId/referrals/:referralId - one referral
  api.route(
    {
      method: 'get',
      path: `${base}/:referralId`,
      operationId: 'getReferral',
      summary: 'Show a referral',
      tag: 'referrals',
      params: referralParams,
      response: referralSchema,
    },
    async ({ workspace, params }) => viewOf(ctx, workspace.id, params.referralId),
  )

  // POST /api/v1/workspaces/:workspaceId/referrals - attribute a friend to a referrer (source 'api')
  api.route(
    {
      method: 'post',
      path: base,
      operationId: 'createReferral',
      summary: 'Attribute a referral (first attribution per campaign wins)',
      tag: 'referrals',
      params: workspaceParams,
      body: createBody,
      response: referralSchema.extend({ created: z.boolean() }),
      status: 201,
    },
    async ({ workspace, body, principal }) => {
      const result = await attributeReferral(ctx.db, {
        workspaceId: workspace.id,
        campaignId: body.campaignId ?? null,
        referrer: body.referrer,
        friend: body.friend,
        source: 'api',
        actor: actorOf(principal),
      })
      return { ...(await viewOf(ctx, workspace.id, result.referral.id)), created: result.created }
    },
  )

  const decided = referralSchema.extend({ changed: z.boolean() })
  for (const [action, summary, reasonRequired] of [
    ['qualify', 'Qualify a referral', false],
    ['reject', 'Reject a referral', true],
  ] as const) {
    // POST /api/v1/workspaces/:workspaceId/referrals/:referralId/qualify - count it as converted
    // POST /api/v1/workspaces/:workspaceId/referrals/:referralId/reject - with a reason
    api.route(
      {
        method: 'post',
        path: `${base}/:referralId/${action}`,
        operationId: `${action}Referral`,
        summary,
        tag: 'referrals',
        params: referralParams,
        body: z.object({
          reason: reasonRequired
            ? z.string().trim().min(1, 'is required').max(500)
            : z.string().trim().max(500).optional(),
        }),
        response: decided,
      },
      async ({ workspace, params, body, principal }) => {
        const input = {
          workspaceId: workspace.id,
          referralId: params.referralId,
          actor: actorOf(principal),
        }
        const result =
          action === 'reject'
            ? await rejectReferral(ctx.db, { ...input, reason: body.reason ?? '' })
            : await qualifyReferral(ctx.db, { ...input, reason: body.reason ?? null })
        return { ...(await viewOf(ctx, workspace.id, result.referral.id)), changed: result.changed }
      },
    )
  }
}
