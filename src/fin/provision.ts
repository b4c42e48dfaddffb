import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import { IntercomApiError, IntercomUnauthorizedError } from '../intercom/api-types.js'
import {
  DATA_CONNECTORS_SCOPE,
  type DataConnectorsApi,
  dataConnectorsApiOf,
  type IntercomDataConnector,
  MissingScopeError,
} from './data-connectors-api.js'
import {
  type ConnectorKey,
  definitionHash,
  definitionOf,
  NAME_PREFIX,
  PACK,
  PACK_VERSION,
} from './pack.js'
import { ensureFinSecret, rotateFinSecret } from './secrets.js'

export type ProvisionOutcome =
  | { readonly status: 'provisioned'; readonly created: number; readonly updated: number }
  | { readonly status: 'busy' | 'not_connected' }
  | { readonly status: 'failed'; readonly message: string }

const LEASE_MS = 2 * 60_000

/** Words for a marketer about why Intercom refused. */
export function readableFailure(error: unknown): string {
  if (error instanceof MissingScopeError)
    return `Intercom refused: the app was installed without the "Read and write data connectors" permission (${DATA_CONNECTORS_SCOPE}). Reinstall the app to grant it.`
  if (error instanceof IntercomUnauthorizedError)
    return 'Intercom refused the access token: reinstall the app.'
  if (error instanceof IntercomApiError)
    return error.status === null
      ? `Intercom did not answer: ${error.message}`
      : `Intercom refused: ${error.message}`
  return error instanceof Error ? error.message : String(error)
}

/**
 * Creates or updates the pack in a connected workspace, idempotently: a connector we created
 * before (by the id we stored, else by its exact name) is updated when its definition changed,
 * never created twice; leftovers named like ours (an older pack, a crash between create and
 * store) are deleted. New connectors are drafts; a live one stays live. One run per workspace at
 * a time (a lease row): a second connect meanwhile answers `busy`.
 */
export async function provisionFinPack(
  ctx: AppContext,
  workspaceId: string,
): Promise<ProvisionOutcome> {
  const api = await dataConnectorsApiOf(ctx, workspaceId)
  if (!api) return { status: 'not_connected' }
  const secret = await ensureFinSecret(ctx, workspaceId)
  if (!(await claimLease(ctx, workspaceId))) return { status: 'busy' }
  try {
    const outcome = await syncPack(ctx, api, workspaceId, secret, false)
    await ctx.db
      .updateTable('fin_packs')
      .set({
        pack_version: PACK_VERSION,
        provisioned_at: sql<Date>`now()`,
        last_error: null,
        lease_until: null,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .execute()
    return { status: 'provisioned', ...outcome }
  } catch (error) {
    const message = readableFailure(error)
    ctx.logger.warn({ err: error, workspaceId }, 'fin: could not provision the data connectors')
    await ctx.db
      .updateTable('fin_packs')
      .set({ last_error: message.slice(0, 500), lease_until: null, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .execute()
    return { status: 'failed', message }
  }
}

async function claimLease(ctx: AppContext, workspaceId: string): Promise<boolean> {
  const claimed = await ctx.db
    .updateTable('fin_packs')
    .set({ lease_until: new Date(Date.now() + LEASE_MS) })
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', new Date())]))
    .executeTakeFirst()
  return Number(claimed.numUpdatedRows) > 0
}

async function syncPack(
  ctx: AppContext,
  api: DataConnectorsApi,
  workspaceId: string,
  secret: string,
  pushSecret: boolean,
): Promise<{ created: number; updated: number }> {
  const inIntercom = await api.list()
  const stored = new Map(
    (
      await ctx.db
        .selectFrom('fin_connectors')
        .select(['connector_key', 'intercom_id', 'definition_hash'])
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((row) => [row.connector_key, row]),
  )
  const kept = new Set<string>()
  let created = 0
  let updated = 0
  for (const entry of PACK) {
    const definition = definitionOf(entry, {
      publicUrl: ctx.config.publicUrl,
      workspaceId,
      secret,
    })
    const hash = definitionHash(definition)
    const mine = stored.get(entry.key)
    const existing =
      inIntercom.find((c) => c.id === mine?.intercom_id) ??
      inIntercom.find((c) => c.name === entry.name && !kept.has(c.id))
    let id: string
    if (existing) {
      id = existing.id
      if (pushSecret || mine?.intercom_id !== id || mine.definition_hash !== hash) {
        await api.update(id, definition)
        updated += 1
      }
    } else {
      id = (await api.create(definition)).id
      created += 1
    }
    kept.add(id)
    await ctx.db
      .insertInto('fin_connectors')
      .values({
        workspace_id: workspaceId,
        connector_key: entry.key,
        intercom_id: id,
        definition_hash: hash,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'connector_key']).doUpdateSet({
          intercom_id: id,
          definition_hash: hash,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute()
  }
  // Ours by name but not in this pack: an older version's, or a duplicate from an interrupted run.
  for (const connector of inIntercom) {
    if (connector.name.startsWith(NAME_PREFIX) && !kept.has(connector.id))
      await api.remove(connector.id)
  }
  await ctx.db
    .deleteFrom('fin_connectors')
    .where('workspace_id', '=', workspaceId)
    .where(
      'connector_key',
      'not in',
      PACK.map((entry) => entry.key),
    )
    .execute()
  return { created, updated }
}

/**
 * Removes the pack from Intercom (uninstall) while the token still works, then forgets it here.
 * A token Intercom already revoked cannot delete anything: the local rows go regardless.
 */
export async function removeFinPack(ctx: AppContext, workspaceId: string): Promise<number> {
  let removed = 0
  const api = await dataConnectorsApiOf(ctx, workspaceId)
  if (api) {
    try {
      for (const connector of await api.list()) {
        if (connector.name.startsWith(NAME_PREFIX) && (await api.remove(connector.id))) removed += 1
      }
    } catch (error) {
      ctx.logger.warn(
        { err: error, workspaceId },
        'fin: could not delete the data connectors from Intercom; forgetting them here',
      )
    }
  }
  await ctx.db.deleteFrom('fin_connectors').where('workspace_id', '=', workspaceId).execute()
  await ctx.db.deleteFrom('fin_packs').where('workspace_id', '=', workspaceId).execute()
  return removed
}

export interface LiveOutcome {
  readonly key: ConnectorKey
  readonly name: string
  readonly ok: boolean
  readonly message: string | null
}

/** PATCHes every connector of the pack to `live`; each one's refusal is kept in words. */
export async function setFinPackLive(
  ctx: AppContext,
  workspaceId: string,
): Promise<LiveOutcome[] | null> {
  const api = await dataConnectorsApiOf(ctx, workspaceId)
  if (!api) return null
  const rows = await ctx.db
    .selectFrom('fin_connectors')
    .select(['connector_key', 'intercom_id'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  const outcomes: LiveOutcome[] = []
  for (const entry of PACK) {
    const row = rows.find((r) => r.connector_key === entry.key)
    if (!row) {
      outcomes.push({ key: entry.key, name: entry.name, ok: false, message: 'Not created yet.' })
      continue
    }
    try {
      await api.update(row.intercom_id, { state: 'live' })
      outcomes.push({ key: entry.key, name: entry.name, ok: true, message: null })
    } catch (error) {
      outcomes.push({
        key: entry.key,
        name: entry.name,
        ok: false,
        message: readableFailure(error),
      })
    }
  }
  return outcomes
}

/** A new secret, sent to every connector at once; the old one works for a few minutes more. */
export async function rotateFinPackSecret(
  ctx: AppContext,
  workspaceId: string,
): Promise<ProvisionOutcome> {
  const api = await dataConnectorsApiOf(ctx, workspaceId)
  if (!api) return { status: 'not_connected' }
  if (!(await claimLease(ctx, workspaceId))) return { status: 'busy' }
  try {
    const secret = await rotateFinSecret(ctx, workspaceId)
    const outcome = await syncPack(ctx, api, workspaceId, secret, true)
    await ctx.db
      .updateTable('fin_packs')
      .set({ lease_until: null, last_error: null, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .execute()
    return { status: 'provisioned', ...outcome }
  } catch (error) {
    await ctx.db
      .updateTable('fin_packs')
      .set({ lease_until: null, last_error: readableFailure(error).slice(0, 500) })
      .where('workspace_id', '=', workspaceId)
      .execute()
    return { status: 'failed', message: readableFailure(error) }
  }
}

/** Our connectors as Intercom holds them now, in pack order (for the dashboard). */
export async function finPackInIntercom(
  ctx: AppContext,
  workspaceId: string,
): Promise<
  | { readonly connected: false }
  | {
      readonly connected: true
      readonly connectors: Array<{
        key: ConnectorKey
        name: string
        connector: IntercomDataConnector | null
      }>
      readonly error: string | null
    }
> {
  const api = await dataConnectorsApiOf(ctx, workspaceId)
  if (!api) return { connected: false }
  const rows = await ctx.db
    .selectFrom('fin_connectors')
    .select(['connector_key', 'intercom_id'])
    .where('workspace_id', '=', workspaceId)
    .execute()
  let listed: IntercomDataConnector[] = []
  let error: string | null = null
  try {
    listed = await api.list()
  } catch (failure) {
    error = readableFailure(failure)
  }
  return {
    connected: true,
    error,
    connectors: PACK.map((entry) => {
      const id = rows.find((r) => r.connector_key === entry.key)?.intercom_id
      return {
        key: entry.key,
        name: entry.name,
        connector: listed.find((c) => c.id === id) ?? null,
      }
    }),
  }
}
