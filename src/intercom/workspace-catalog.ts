import type { AppContext } from '../context.js'
import type { IntercomDataAttribute, IntercomSegment } from './api-types.js'
import { getIntercomApi } from './connections.js'

/** What the dashboard's pickers offer for a workspace connected to Intercom. */
export interface WorkspaceCatalog {
  readonly attributes: readonly CatalogAttribute[]
  readonly segments: readonly IntercomSegment[]
}

export interface CatalogAttribute {
  /** What the settings store: `role`, `email`, or `custom_attributes.<name>`. */
  readonly fullName: string
  /** The bare name (what attribute mappings store). */
  readonly name: string
  readonly label: string
  readonly dataType: string
  readonly custom: boolean
  readonly options: readonly string[]
}

export type CatalogAnswer =
  | { readonly kind: 'connected'; readonly catalog: WorkspaceCatalog }
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'unavailable'; readonly message: string }

// Per instance and short: only pickers read it, a stale list costs an admin at most a minute of not
// seeing a brand-new attribute, and nothing else depends on it (so N instances may disagree).
const TTL_MS = 60_000
const LIMIT = 500
const WAIT_MS = 5_000
const cache = new Map<string, { at: number; catalog: WorkspaceCatalog }>()

/** The workspace's contact attributes and segments, from Intercom, cached for a minute. */
export async function workspaceCatalog(
  ctx: AppContext,
  workspaceId: string,
  now = Date.now(),
): Promise<CatalogAnswer> {
  const api = await getIntercomApi(ctx, workspaceId)
  if (!api) return { kind: 'not-connected' }
  const hit = cache.get(workspaceId)
  if (hit && now - hit.at < TTL_MS) return { kind: 'connected', catalog: hit.catalog }
  const fetching = Promise.all([api.listDataAttributes('contact'), api.listSegments()]).then(
    ([attributes, segments]) => {
      const catalog = { attributes: attributes.map(toCatalogAttribute), segments }
      if (cache.size >= LIMIT) cache.clear()
      cache.set(workspaceId, { at: now, catalog })
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
export function forgetWorkspaceCatalog(workspaceId: string): void {
  cache.delete(workspaceId)
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
