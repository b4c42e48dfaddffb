import { z } from 'zod'
import { listReferrals } from '../../../ledger/admin/listings.js'
import { attributeReferral, qualifyReferral, rejectReferral } from '../../../ledger/referrals.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import { decisionRoutes } from './decision-routes.js'
import { ledgerResourceRoutes } from './ledger-resource.js'
import { pageQuery, referralSchema, referralStatus, uuid, workspaceParams } from './schemas.js'
import { referralView } from './views.js'

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

export function referralRoutes(api: AdminApi): void {
  const { ctx } = api

  // GET /api/v1/workspaces/:workspaceId/referrals - newest first, by status or referrer
  // GET /api/v1/workspaces/:workspaceId/referrals/:referralId - one referral
  const referrals = ledgerResourceRoutes(api, {
    noun: 'referral',
    schema: referralSchema,
    listQuery: pageQuery.extend({
      status: referralStatus.optional(),
      referrerId: uuid.optional(),
      campaignId: uuid.optional(),
    }),
    listing: listReferrals,
    view: referralView,
    summaries: { list: 'List referrals (cursor pagination)', show: 'Show a referral' },
  })

  // POST /api/v1/workspaces/:workspaceId/referrals - attribute a friend to a referrer (source 'api')
  api.route(
    {
      method: 'post',
      path: referrals.collection,
      operationId: 'createReferral',
      summary: 'Attribute a referral (first attribution per campaign wins)',
      tag: referrals.tag,
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
      const referral = await referrals.viewOf(ctx, workspace.id, result.referral.id)
      return { ...referral, created: result.created }
    },
  )

  // POST /api/v1/workspaces/:workspaceId/referrals/:referralId/qualify - count it as converted
  // POST /api/v1/workspaces/:workspaceId/referrals/:referralId/reject - with a reason
  decisionRoutes(api, referrals, [
    {
      action: 'qualify',
      summary: 'Qualify a referral',
      reasonRequired: false,
      decide: (ctx, { id, ...input }) => qualifyReferral(ctx.db, { ...input, referralId: id }),
    },
    {
      action: 'reject',
      summary: 'Reject a referral',
      reasonRequired: true,
      decide: (ctx, { id, reason, ...input }) =>
        rejectReferral(ctx.db, { ...input, referralId: id, reason: reason ?? '' }),
    },
  ])
}
