import { type AppContext } from '../context.js'
import { type IntercomDataAttribute, type IntercomSegment } from './api-types.js'
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
  try {
    const [attributes, segments] = await Promise.all([
      api.listDataAttributes('contact'),
      api.listSegments(),
    ])
    const catalog = { attributes: attributes.map(toCatalogAttribute), segments }
    if (cache.size >= LIMIT) cache.clear()
    cache.set(workspaceId, { at: now, catalog })
    return { kind: 'connected', catalog }
  } catch (error) {
    ctx.logger.warn({ err: error, workspaceId }, 'dashboard: could not list Intercom attributes')
    return {
      kind: 'unavailable',
      message: 'Intercom did not answer just now, so attribute names are typed in by hand.',
    }
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
