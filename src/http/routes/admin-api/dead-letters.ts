import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { listDeadLetters, retryDeadLetter } from '../../../intercom/writeback/dead-letters.js'
import type { AdminApi } from './api-route.js'
import { iso, isoOf, workspaceParams } from './schemas.js'

const deadLetterSchema = z.object({
  id: z.number().int(),
  participantId: z.uuid(),
  contactId: z.string().nullable(),
  statusCode: z.number().int().nullable(),
  reason: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  failedAt: iso,
})

export function deadLetterRoutes(api: AdminApi): void {
  const { ctx } = api
  // GET /api/v1/workspaces/:workspaceId/dead-letters - contact write-backs Intercom refused
  api.route(
    {
      method: 'get',
      path: '/workspaces/:workspaceId/dead-letters',
      operationId: 'listDeadLetters',
      summary: 'List failed contact write-backs, newest first',
      tag: 'dead-letters',
      params: workspaceParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(200) }),
      response: z.object({ items: z.array(deadLetterSchema) }),
    },
    async ({ workspace, query }) => ({
      items: (await listDeadLetters(ctx.db, workspace.id, query.limit)).map((d) => ({
        ...d,
        failedAt: isoOf(d.failedAt),
      })),
    }),
  )

  // POST /api/v1/workspaces/:workspaceId/dead-letters/:deadLetterId/retry - write it again
  api.route(
    {
      method: 'post',
      path: '/workspaces/:workspaceId/dead-letters/:deadLetterId/retry',
      operationId: 'retryDeadLetter',
      summary: 'Retry a failed contact write-back (queues a fresh write)',
      tag: 'dead-letters',
      params: workspaceParams.extend({ deadLetterId: z.coerce.number().int().positive() }),
      response: z.object({ retried: z.literal(true) }),
      status: 202,
    },
    async ({ workspace, params }) => {
      const retried = await retryDeadLetter(ctx, workspace.id, params.deadLetterId)
      if (!retried) throw new AppError('not_found', 'That dead letter was not found.')
      return { retried: true as const }
    },
  )
}
