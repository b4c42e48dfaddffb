import type { AppContext } from '../context.js'
import type { IntercomDataAttribute } from './api-types.js'
import { getIntercomApi } from './connections.js'
import type { CatalogAttribute, WorkspaceCatalog } from './workspace-catalog-cache.js'

export type { CatalogAttribute, WorkspaceCatalog } from './workspace-catalog-cache.js'

export type CatalogAnswer =
  | { readonly kind: 'connected'; readonly catalog: WorkspaceCatalog }
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'unavailable'; readonly message: string }

// Per instance and short: only pickers read it, a stale list costs an admin at most a minute of not
// seeing a brand-new attribute, and nothing else depends on it (so N instances may disagree).
const TTL_MS = 60_000
const WAIT_MS = 5_000

/**
 * The workspace's contact attributes and segments, from Intercom, cached for a minute in the
 * instance's `workspaceCatalogs` (without one, every page asks Intercom).
 */
export async function workspaceCatalog(
  ctx: AppContext,
  workspaceId: string,
  now = Date.now(),
): Promise<CatalogAnswer> {
  const api = await getIntercomApi(ctx, workspaceId)
  if (!api) return { kind: 'not-connected' }
  const cache = ctx.workspaceCatalogs ?? null
  const hit = cache?.get(workspaceId)
  if (hit && now - hit.at < TTL_MS) return { kind: 'connected', catalog: hit.catalog }
  const fetching = Promise.all([api.listDataAttributes('contact'), api.listSegments()]).then(
    ([attributes, segments]) => {
      const catalog = { attributes: attributes.map(toCatalogAttribute), segments }
      cache?.set(workspaceId, now, catalog)
      return catalog
    },
  )
  // A page must not wait on a slow Intercom (or a spent rate budget): it falls back to free text,
  // and a late answer still fills the cache for the next page.
  fetching.catch(() => {})
  let timer: NodeJS.Timeout | undefined
  const tooSlow = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Intercom took too long')), WAIT_MS)
  })
  try {
    return { kind: 'connected', catalog: await Promise.race([fetching, tooSlow]) }
  } catch (error) {
    ctx.logger.warn({ err: error, workspaceId }, 'dashboard: could not list Intercom attributes')
    return {
      kind: 'unavailable',
      message: 'Intercom did not answer just now, so attribute names are typed in by hand.',
    }
  } finally {
    clearTimeout(timer)
  }
}

/** Forget a workspace's lists (after the app created attributes in it). */
export function forgetWorkspaceCatalog(ctx: AppContext, workspaceId: string): void {
  ctx.workspaceCatalogs?.forget(workspaceId)
}

function toCatalogAttribute(a: IntercomDataAttribute): CatalogAttribute {
  return {
    fullName: a.fullName ?? (a.custom ? `custom_attributes.${a.name}` : a.name),
    name: a.name,
    label: a.label ?? a.name,
    dataType: a.dataType,
    custom: a.custom,
    options: a.options ?? [],
  }
}
