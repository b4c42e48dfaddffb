import { sql } from 'kysely'
import type { Config, Region } from '../config.js'
import type { AppContext } from '../context.js'
import type { Db, Trx } from '../ledger/db-types.js'
import type { Workspace } from '../ledger/types.js'
import { ensureWorkspace, findWorkspace } from '../ledger/workspaces.js'
import type { IntercomApi } from './api-types.js'
import { createIntercomApi } from './client.js'
import type { CallPriority } from './rate-limiter.js'
import { decryptToken, encryptToken, TokenDecryptionError } from '../crypto/token-crypto.js'

export interface WorkspaceConnectionInput {
  readonly workspaceId: string
  readonly name: string | null
  readonly region: Region
  readonly accessToken: string
  readonly source: 'oauth' | 'private'
}

/**
 * Stores a workspace's Intercom token, encrypted (bound to the workspace id), and marks it active;
 * creates the workspace and its default campaign on first install. Re-installing replaces the token
 * and keeps the ledger. Call as (ctx, input) or (db, config, input).
 */
export async function storeWorkspaceConnection(
  ctx: AppContext,
  input: WorkspaceConnectionInput,
): Promise<Workspace>
export async function storeWorkspaceConnection(
  db: Db,
  config: Config,
  input: WorkspaceConnectionInput,
): Promise<Workspace>
export async function storeWorkspaceConnection(
  first: AppContext | Db,
  second: Config | WorkspaceConnectionInput,
  third?: WorkspaceConnectionInput,
): Promise<Workspace> {
  const [db, config, input] = isContext(first)
    ? [first.db, first.config, second as WorkspaceConnectionInput]
    : [first, second as Config, third as WorkspaceConnectionInput]
  await ensureWorkspace(db, { id: input.workspaceId, name: input.name, region: input.region })
  await db
    .updateTable('workspaces')
    .set({
      ...(input.name ? { name: input.name } : {}),
      region: input.region,
      status: 'active',
      token_source: input.source,
      access_token_ciphertext: encryptToken(
        config.encryptionKey,
        input.accessToken,
        input.workspaceId,
      ),
      status_reason: null,
      installed_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', input.workspaceId)
    .execute()
  const workspace = await findWorkspace(db, input.workspaceId)
  if (!workspace) throw new Error(`workspace ${input.workspaceId} vanished while connecting`)
  return workspace
}

/**
 * Forgets a workspace's token (uninstall, or a 401 from Intercom); the ledger stays for a later
 * re-install. With `onlyIfToken`, a token that was replaced meanwhile (re-install) is left alone.
 * Returns whether the workspace was changed.
 */
export async function dropWorkspaceConnection(
  ctxOrDb: AppContext | Db,
  workspaceId: string,
  status: 'uninstalled' | 'disconnected',
  reason: string,
  options: { onlyIfToken?: string } = {},
): Promise<boolean> {
  const db = isContext(ctxOrDb) ? ctxOrDb.db : ctxOrDb
  if (options.onlyIfToken !== undefined) {
    if (!isContext(ctxOrDb)) throw new Error('onlyIfToken needs the app context (its key)')
    const current = await readToken(ctxOrDb, workspaceId)
    if (current?.accessToken !== options.onlyIfToken) return false
  }
  const result = await db
    .updateTable('workspaces')
    .set({
      status,
      status_reason: reason.slice(0, 500),
      access_token_ciphertext: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', workspaceId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** The IntercomApi of an active workspace, drawing on its shared rate budget; null without a usable token. */
export async function getIntercomApi(
  ctx: AppContext,
  workspaceId: string,
  options: { priority?: CallPriority } = {},
): Promise<IntercomApi | null> {
  const connection = await readToken(ctx, workspaceId)
  if (!connection) return null
  return createIntercomApi(ctx, {
    accessToken: connection.accessToken,
    region: connection.region,
    workspaceId,
    ...(options.priority ? { priority: options.priority } : {}),
  })
}

/** An active workspace's decrypted token and region; null when it has none usable. */
export async function readToken(
  ctx: AppContext,
  workspaceId: string,
): Promise<{ accessToken: string; region: Region } | null> {
  const row = await ctx.db
    .selectFrom('workspaces')
    .select(['status', 'region', 'access_token_ciphertext'])
    .where('id', '=', workspaceId)
    .executeTakeFirst()
  if (!row || row.status !== 'active' || !row.access_token_ciphertext) return null
  try {
    const accessToken = decryptToken(
      ctx.config.encryptionKey,
      row.access_token_ciphertext,
      workspaceId,
    )
    const region = row.region === 'EU' || row.region === 'AU' ? row.region : 'US'
    return { accessToken, region }
  } catch (error) {
    if (!(error instanceof TokenDecryptionError)) throw error
    // A changed ENCRYPTION_KEY (or a generated dev key after a restart): re-install to recover.
    ctx.logger.error(
      { workspaceId, reason: error.message },
      'intercom: the stored access token cannot be decrypted with ENCRYPTION_KEY; reinstall the app',
    )
    return null
  }
}

function isContext(value: AppContext | Db): value is AppContext {
  return 'config' in value && 'logger' in value
}

/**
 * Whether the workspace has a token. Without one there is nobody to send to, and work queued for a
 * disconnected workspace (notices, data events, contacts to create) would be stale later.
 */
export async function isConnected(trx: Trx | Db, workspaceId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('workspaces')
    .select('id')
    .where('id', '=', workspaceId)
    .where('access_token_ciphertext', 'is not', null)
    .executeTakeFirst()
  return row !== undefined
}
