import type { Db } from './db-types.js'
import type { KnownWorkspaces } from './known-workspaces.js'
import { toWorkspace } from './mappers.js'
import type { Workspace } from './types.js'

export interface WorkspaceInput {
  readonly id: string
  readonly name?: string | null
  readonly region?: string | null
}

/**
 * Like ensureWorkspace, but skips the database once this instance has seen the workspace
 * (workspaces and their default campaigns are never deleted, so remembering it is never wrong).
 */
export async function ensureWorkspaceKnown(
  db: Db,
  input: WorkspaceInput,
  known: KnownWorkspaces | null = null,
): Promise<void> {
  if (known?.existing.has(input.id)) return
  await ensureWorkspace(db, input)
  known?.existing.add(input.id)
}

/**
 * Whether the workspace was installed (it has a row: an install or the private app made it),
 * remembered by the instance's `known` like ensureWorkspaceKnown. Never creates anything.
 */
export async function workspaceInstalled(
  db: Db,
  id: string,
  known: KnownWorkspaces | null = null,
): Promise<boolean> {
  if (known?.existing.has(id)) return true
  if (!(await findWorkspace(db, id))) return false
  known?.existing.add(id)
  return true
}

/** Finds or creates a workspace and its default campaign; safe to call on every request. */
export async function ensureWorkspace(db: Db, input: WorkspaceInput): Promise<Workspace> {
  const existing = await db
    .selectFrom('workspaces')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirst()
  if (existing) {
    const hasDefault = await db
      .selectFrom('campaigns')
      .select('id')
      .where('workspace_id', '=', input.id)
      .where('is_default', '=', true)
      .executeTakeFirst()
    if (hasDefault) return toWorkspace(existing)
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({
        id: input.id,
        name: input.name ?? null,
        region: (input.region ?? 'US').toUpperCase(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    await trx
      .insertInto('campaigns')
      .values({ workspace_id: input.id, name: 'Refer a friend', is_default: true, settings: '{}' })
      .onConflict((oc) => oc.column('workspace_id').where('is_default', '=', true).doNothing())
      .execute()
    const row = await trx
      .selectFrom('workspaces')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirstOrThrow()
    return toWorkspace(row)
  })
}

export async function findWorkspace(db: Db, id: string): Promise<Workspace | null> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toWorkspace(row) : null
}

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.selectFrom('workspaces').selectAll().orderBy('created_at').execute()
  return rows.map(toWorkspace)
}
