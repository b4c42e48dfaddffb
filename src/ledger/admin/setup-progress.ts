import { sql } from 'kysely'
import type { KnownWorkspaces } from '../known-workspaces.js'
import type { Db } from '../db-types.js'
import { VOID_REWARD_STATUSES } from '../rewards.js'

/** How far a workspace has come from install to first reward, from what the ledger already holds. */
export interface SetupProgress {
  readonly status: 'local' | 'active' | 'disconnected' | 'uninstalled'
  readonly tokenSource: 'oauth' | 'private' | null
  readonly installedAt: Date | null
  readonly firstCanvasAt: Date | null
  readonly webhooks: {
    readonly count: number
    readonly first: Date | null
    readonly last: Date | null
    readonly topics: readonly string[]
  }
  readonly firstReferralAt: Date | null
  readonly firstQualifiedAt: Date | null
  readonly firstRewardAt: Date | null
}

export async function setupProgress(db: Db, workspaceId: string): Promise<SetupProgress> {
  const [workspace, webhooks, topics, referrals, reward] = await Promise.all([
    db
      .selectFrom('workspaces')
      .select(['status', 'token_source', 'installed_at', 'first_canvas_at'])
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhook_notifications')
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<Date | null>`min(received_at)`.as('first'),
        sql<Date | null>`max(received_at)`.as('last'),
      ])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhook_notifications')
      .select('topic')
      .distinct()
      .where('workspace_id', '=', workspaceId)
      .orderBy('topic')
      .limit(20)
      .execute(),
    db
      .selectFrom('referrals')
      .select([
        sql<Date | null>`min(created_at)`.as('first'),
        sql<Date | null>`min(qualified_at)`.as('qualified'),
      ])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('rewards')
      .select(sql<Date | null>`min(created_at)`.as('first'))
      .where('workspace_id', '=', workspaceId)
      .where('status', 'not in', VOID_REWARD_STATUSES)
      .executeTakeFirstOrThrow(),
  ])
  return {
    status: workspace.status,
    tokenSource: workspace.token_source,
    installedAt: workspace.installed_at,
    firstCanvasAt: workspace.first_canvas_at,
    webhooks: {
      count: webhooks.count,
      first: toDate(webhooks.first),
      last: toDate(webhooks.last),
      topics: topics.map((t) => t.topic),
    },
    firstReferralAt: toDate(referrals.first),
    firstQualifiedAt: toDate(referrals.qualified),
    firstRewardAt: toDate(reward.first),
  }
}

// Aggregates come back as strings from some drivers; the checklist wants dates.
function toDate(value: Date | string | null): Date | null {
  if (value === null) return null
  return value instanceof Date ? value : new Date(value)
}

/**
 * Records the first Messenger initialize of a workspace (the card is on someone's Home). Once set
 * it never changes, so with `known` it is one conditional write per workspace and instance, never
 * one per request.
 */
export async function noteFirstCanvas(
  db: Db,
  workspaceId: string,
  known: KnownWorkspaces | null = null,
): Promise<void> {
  if (known?.cardSeen.has(workspaceId)) return
  await db
    .updateTable('workspaces')
    .set({ first_canvas_at: sql<Date>`now()` })
    .where('id', '=', workspaceId)
    .where('first_canvas_at', 'is', null)
    .execute()
  known?.cardSeen.add(workspaceId)
}
