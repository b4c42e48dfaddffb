import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { erasePerson } from '../../../ledger/privacy/erase-person.js'
import { exportPerson } from '../../../ledger/privacy/export-person.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import { uuid, workspaceParams } from './schemas.js'

/** One of the three ways to name a person; exactly one is needed. */
const personFields = {
  participantId: uuid.optional().describe("the ledger's id of the person"),
  contactId: z.string().trim().min(1).max(200).optional().describe('their Intercom contact id'),
  email: z.string().trim().min(3).max(254).optional().describe('their email address'),
}
function oneIdentifier(value: { participantId?: string; contactId?: string; email?: string }) {
  return Boolean(value.participantId || value.contactId || value.email)
}
const NAME_SOMEONE = { error: 'name the person by participantId, contactId or email' }

const eraseBody = z
  .object({
    ...personFields,
    reason: z.string().trim().max(500).optional().describe('why (kept on the erasure event)'),
  })
  .refine(oneIdentifier, NAME_SOMEONE)
const personQuery = z.object(personFields).refine(oneIdentifier, NAME_SOMEONE)

const erasureSchema = z.object({
  status: z
    .enum(['erased', 'already_erased', 'not_found'])
    .describe('not_found: nobody by that identifier; what Intercom told about it was forgotten'),
  participantId: uuid.nullable(),
})

const row = z.record(z.string(), z.unknown())
const personExportSchema = z.object({
  format: z.literal('referrals-person-export/1'),
  exportedAt: z.string(),
  workspaceId: z.string(),
  person: row,
  referrers: z.array(row),
  referralCodes: z.array(row),
  linkClicks: z.array(row),
  referralsMade: z.array(row),
  referralsReceived: z.array(row),
  rewards: z.array(row),
  contactSnapshots: z.array(row),
  webhookNotifications: z.array(row),
  pendingContactWrites: z.array(row),
  contactWriteDeadLetters: z.array(row),
  events: z.array(row),
})

export function privacyRoutes(api: AdminApi): void {
  const { ctx } = api
  // POST /api/v1/workspaces/:workspaceId/privacy/erase - forget a person (idempotent)
  api.route(
    {
      method: 'post',
      path: '/workspaces/:workspaceId/privacy/erase',
      operationId: 'erasePerson',
      summary:
        'Erase a person: their email, name, contact id, codes and mentions go; counts and amounts stay',
      tag: 'privacy',
      params: workspaceParams,
      body: eraseBody,
      response: erasureSchema,
    },
    async ({ workspace, body, principal }) => {
      const { reason, ...target } = body
      const result = await erasePerson(ctx.db, {
        workspaceId: workspace.id,
        target,
        actor: actorOf(principal),
        reason: reason ?? null,
      })
      return {
        status: result.status,
        participantId: result.status === 'not_found' ? null : result.participantId,
      }
    },
  )

  // GET /api/v1/workspaces/:workspaceId/privacy/export - everything held about a person, as JSON
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/privacy/export',
      operationId: 'exportPerson',
      summary: 'Export everything the workspace holds about a person (subject-access request)',
      tag: 'privacy',
      params: workspaceParams,
      query: personQuery,
      response: personExportSchema,
    },
    async ({ workspace, query, res }) => {
      const document = await exportPerson(ctx.db, { workspaceId: workspace.id, target: query })
      if (!document) throw new AppError('not_found', 'Nobody by that identifier in this workspace.')
      res.set(
        'Content-Disposition',
        `attachment; filename="person-${String(document.person.id)}.json"`,
      )
      return document
    },
  )
}
