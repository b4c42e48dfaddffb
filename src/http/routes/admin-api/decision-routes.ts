import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import type { Actor } from '../../../ledger/types.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import type { LedgerResource } from './ledger-resource.js'
import { pascal } from './openapi.js'

export interface DecisionInput {
  readonly workspaceId: string
  /** The item's id, from the path. */
  readonly id: string
  readonly reason: string | null
  readonly actor: Actor
}

/** What an admin decides about one item: qualify or reject a referral, approve a reward… */
export interface Decision {
  /** The URL's last segment and the operation id's verb: …/:referralId/qualify, qualifyReferral. */
  readonly action: string
  readonly summary: string
  /** Whether the decision must say why (a rejection does; an approval may). */
  readonly reasonRequired: boolean
  readonly decide: (ctx: AppContext, input: DecisionInput) => Promise<{ changed: boolean }>
}

/**
 * POST …/<noun>s/:<noun>Id/<action> for each decision, in order: an optional or required reason
 * in, the item as the list shows it out, with `changed: false` when it already stood so.
 */
export function decisionRoutes<Wire extends z.ZodObject>(
  api: AdminApi,
  resource: LedgerResource<Wire>,
  decisions: readonly Decision[],
): void {
  const { ctx } = api
  const decided = resource.schema.extend({ changed: z.boolean() })
  for (const decision of decisions) {
    api.route(
      {
        method: 'post',
        path: `${resource.one}/${decision.action}`,
        operationId: `${decision.action}${pascal(resource.noun)}`,
        summary: decision.summary,
        tag: resource.tag,
        params: resource.oneParams,
        body: z.object({
          reason: decision.reasonRequired
            ? z.string().trim().min(1, 'is required').max(500)
            : z.string().trim().max(500).optional(),
        }),
        response: decided,
      },
      async ({ workspace, params, body, principal }) => {
        const id = resource.idOf(params)
        const result = await decision.decide(ctx, {
          workspaceId: workspace.id,
          id,
          reason: body.reason ?? null,
          actor: actorOf(principal),
        })
        return { ...(await resource.viewOf(ctx, workspace.id, id)), changed: result.changed }
      },
    )
  }
}
