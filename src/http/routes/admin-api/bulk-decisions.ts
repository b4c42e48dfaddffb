import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import type { Db } from '../../../ledger/db-types.js'
import { qualifyReferral, rejectReferral } from '../../../ledger/referrals.js'
import { decideReward } from '../../../ledger/rewards.js'
import type { Actor } from '../../../ledger/types.js'
import { toAppError } from '../../error-handler.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import { approveRewardFor } from './integrations.js'
import { uuid, workspaceParams } from './schemas.js'

/** How many items one bulk decision may name: a dashboard page's worth. */
export const BULK_LIMIT = 100

const outcome = z.object({
  id: z.string(),
  /**
   * done: decided now. skipped: it was no longer waiting for review (already decided), so it was
   * left as it stood. not_found: no such item in this workspace. refused: the decision is not
   * possible for it now (message says why).
   */
  outcome: z.enum(['done', 'skipped', 'not_found', 'refused']),
  /** Its status after the call; null when not found. */
  status: z.string().nullable(),
  message: z.string().nullable(),
})

const response = z.object({
  results: z.array(outcome),
  /** The outcome in words for a person: "2 approved, 1 skipped because already decided." */
  summary: z.string(),
})

type Outcome = z.infer<typeof outcome>

interface BulkList<Action extends string> {
  readonly noun: 'referral' | 'reward'
  readonly actions: readonly [Action, ...Action[]]
  /** Which actions must say why. */
  readonly needsReason: readonly Action[]
  /** What a decided item is called in the summary: "approved". */
  readonly past: Record<Action, string>
  readonly statusOf: (db: Db, workspaceId: string, id: string) => Promise<string | undefined>
  readonly decide: (
    ctx: AppContext,
    input: { workspaceId: string; id: string; action: Action; reason: string | null; actor: Actor },
  ) => Promise<unknown>
}

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`
}

function summaryOf(results: readonly Outcome[], past: string, noun: string): string {
  const count = (o: Outcome['outcome']) => results.filter((r) => r.outcome === o).length
  const parts = [`${count('done')} ${past}`]
  const skipped = count('skipped')
  if (skipped) parts.push(`${skipped} skipped because already decided`)
  const missing = count('not_found')
  if (missing) parts.push(`${plural(missing, noun)} not found`)
  const refused = count('refused')
  if (refused) parts.push(`${refused} not possible now (see the row)`)
  return `${parts.join(', ')}.`
}

/**
 * POST …/<noun>s/bulk-decisions: one decision over the selected items of the review list. Each id
 * is read in the caller's workspace; an item no longer pending is skipped as it stands, so sending
 * the same selection twice decides nothing twice.
 */
function bulkRoute<Action extends string>(api: AdminApi, list: BulkList<Action>): void {
  const { ctx } = api
  const tag = `${list.noun}s`
  api.route(
    {
      method: 'post',
      path: `/workspaces/:workspaceId/${tag}/bulk-decisions`,
      operationId: `bulkDecide${list.noun === 'referral' ? 'Referrals' : 'Rewards'}`,
      summary: `Decide many pending ${tag} at once (each skipped if already decided)`,
      tag,
      params: workspaceParams,
      body: z
        .object({
          action: z.enum(list.actions, { error: `must be one of: ${list.actions.join(', ')}` }),
          ids: z
            .array(uuid)
            .min(1, `Select at least one ${list.noun}.`)
            .max(BULK_LIMIT, `Select at most ${BULK_LIMIT} ${tag} at once.`),
          reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional(),
        })
        .refine((b) => !list.needsReason.includes(b.action) || Boolean(b.reason), {
          path: ['reason'],
          error: 'Say why: the reason is kept with each decision.',
        }),
      response,
    },
    async ({ workspace, body, principal }) => {
      const results: Outcome[] = []
      for (const id of new Set(body.ids)) {
        const before = await list.statusOf(ctx.db, workspace.id, id)
        if (before === undefined) {
          results.push({ id, outcome: 'not_found', status: null, message: null })
          continue
        }
        if (before !== 'pending') {
          results.push({ id, outcome: 'skipped', status: before, message: null })
          continue
        }
        try {
          await list.decide(ctx, {
            workspaceId: workspace.id,
            id,
            action: body.action,
            reason: body.reason ?? null,
            actor: actorOf(principal),
          })
        } catch (error) {
          const known = toAppError(error)
          if (!known) throw error
          const status = (await list.statusOf(ctx.db, workspace.id, id)) ?? null
          results.push({ id, outcome: 'refused', status, message: known.message })
          continue
        }
        const after = (await list.statusOf(ctx.db, workspace.id, id)) ?? null
        // A referral under fraud review stays pending for a person: that is not "done".
        results.push({
          id,
          outcome: after === 'pending' ? 'refused' : 'done',
          status: after,
          message: after === 'pending' ? 'Still waiting for review.' : null,
        })
      }
      return { results, summary: summaryOf(results, list.past[body.action], list.noun) }
    },
  )
}

export function bulkDecisionRoutes(api: AdminApi): void {
  // POST /api/v1/workspaces/:workspaceId/referrals/bulk-decisions - qualify or reject many
  bulkRoute(api, {
    noun: 'referral',
    actions: ['qualify', 'reject'],
    needsReason: ['reject'],
    past: { qualify: 'qualified', reject: 'rejected' },
    statusOf: async (db, workspaceId, id) =>
      (
        await db
          .selectFrom('referrals')
          .select('status')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .executeTakeFirst()
      )?.status,
    decide: (ctx, { id, action, reason, ...input }) =>
      action === 'qualify'
        ? qualifyReferral(ctx.db, { ...input, referralId: id, reason })
        : rejectReferral(ctx.db, { ...input, referralId: id, reason: reason ?? '' }),
  })
  // POST /api/v1/workspaces/:workspaceId/rewards/bulk-decisions - approve or decline many
  bulkRoute(api, {
    noun: 'reward',
    actions: ['approve', 'decline'],
    needsReason: ['decline'],
    past: { approve: 'approved', decline: 'declined' },
    statusOf: async (db, workspaceId, id) =>
      (
        await db
          .selectFrom('rewards')
          .select('status')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .executeTakeFirst()
      )?.status,
    decide: (ctx, { id, action, reason, ...input }) =>
      action === 'approve'
        ? approveRewardFor(ctx, { ...input, rewardId: id, reason })
        : decideReward(ctx.db, { ...input, rewardId: id, reason, to: 'declined' }),
  })
}
