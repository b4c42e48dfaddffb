import type { z } from 'zod'
import type { AppContext } from '../../../context.js'
import type { Page } from '../../../ledger/admin/cursor.js'
import type { Db } from '../../../ledger/db-types.js'
import type { AdminApi, AnyObject } from './api-route.js'
import { pascal } from './openapi.js'
import { pageOf, uuid, workspaceParams } from './schemas.js'
import { viewById } from './view-by-id.js'

/** A ledger listing the API serves as a resource: referrals, rewards, referrers. */
export interface LedgerResourceSpec<Item, Wire extends z.ZodType, Query extends AnyObject> {
  /** Singular, as the URLs, operation ids and not-found messages say it: 'referral'. */
  readonly noun: string
  /** One item on the wire. */
  readonly schema: Wire
  readonly listQuery: Query
  /** A page of items, filtered by the list's query or (for one item) by id. */
  readonly listing: (
    db: Db,
    workspaceId: string,
    query: z.output<Query> | { id: string; limit: number },
  ) => Promise<Page<Item>>
  readonly view: (item: Item) => z.input<Wire>
  readonly summaries: { readonly list: string; readonly show: string }
}

/** What a resource's further routes (create, decisions) build on. */
export interface LedgerResource<Wire extends z.ZodType> {
  readonly noun: string
  readonly tag: string
  /** /workspaces/:workspaceId/<noun>s */
  readonly collection: string
  /** /workspaces/:workspaceId/<noun>s/:<noun>Id */
  readonly one: string
  readonly oneParams: AnyObject
  readonly schema: Wire
  /** The :<noun>Id of a parsed path. */
  readonly idOf: (params: Record<string, unknown>) => string
  /** One item as the list shows it, or a 404 in the noun's words. */
  readonly viewOf: (ctx: AppContext, workspaceId: string, id: string) => Promise<z.input<Wire>>
}

/**
 * Registers a ledger resource's list (cursor pagination, newest first) and show routes, which
 * answer with the same view of an item, and returns what its other routes need.
 */
export function ledgerResourceRoutes<Item, Wire extends z.ZodType, Query extends AnyObject>(
  api: AdminApi,
  spec: LedgerResourceSpec<Item, Wire, Query>,
): LedgerResource<Wire> {
  const { ctx } = api
  const tag = `${spec.noun}s`
  const idParam = `${spec.noun}Id`
  const resource: LedgerResource<Wire> = {
    noun: spec.noun,
    tag,
    collection: `/workspaces/:workspaceId/${tag}`,
    one: `/workspaces/:workspaceId/${tag}/:${idParam}`,
    oneParams: workspaceParams.extend({ [idParam]: uuid }),
    schema: spec.schema,
    idOf: (params) => params[idParam] as string,
    viewOf: viewById(spec.listing, spec.view, spec.noun),
  }

  // GET /api/v1/workspaces/:workspaceId/<noun>s - a page, newest first, filtered by the query
  api.route(
    {
      method: 'get',
      path: resource.collection,
      operationId: `list${pascal(tag)}`,
      summary: spec.summaries.list,
      tag,
      params: workspaceParams,
      query: spec.listQuery,
      response: pageOf(spec.schema),
    },
    async ({ workspace, query }) => {
      const page = await spec.listing(ctx.db, workspace.id, query as z.output<Query>)
      return { items: page.items.map(spec.view), nextCursor: page.nextCursor }
    },
  )

  // GET /api/v1/workspaces/:workspaceId/<noun>s/:<noun>Id - one item
  api.route(
    {
      method: 'get',
      path: resource.one,
      operationId: `get${pascal(spec.noun)}`,
      summary: spec.summaries.show,
      tag,
      params: resource.oneParams,
      response: spec.schema as z.ZodType,
    },
    async ({ workspace, params }) => resource.viewOf(ctx, workspace.id, resource.idOf(params)),
  )

  return resource
}
