import type { AppContext } from '../../../context.js'
import type { Page } from '../../../ledger/admin/cursor.js'
import type { PageQuery } from '../../../ledger/admin/listings.js'
import type { Db } from '../../../ledger/db-types.js'
import type { Html } from './html.js'
import type { PageHandler } from './page-handler.js'

/** How many rows a list page shows; its "Next page" link carries the cursor to the rest. */
const PAGE_SIZE = 50

type Input = Parameters<PageHandler>[0]

/** A paged list of the workspace (referrers, referrals, rewards): what it filters by, reads and draws. */
export interface ListingPage<Filter, Item> {
  readonly options: Awaited<ReturnType<PageHandler>>['options']
  /** The filter the page's query asks for; a value the list does not know shows everything. */
  readonly filter: (query: Input['query']) => Filter
  readonly list: (db: Db, workspaceId: string, query: Filter & PageQuery) => Promise<Page<Item>>
  readonly body: (
    page: Page<Item>,
    input: { base: string; workspaceId: string; filter: Filter },
  ) => Html
}

/** One page of a listing, from the cursor in the query, drawn with the filter it was read with. */
export function listingPage<Filter, Item>(
  ctx: AppContext,
  spec: ListingPage<Filter, Item>,
): PageHandler {
  return async ({ workspace, base, query }) => {
    const filter = spec.filter(query)
    const page = await spec.list(ctx.db, workspace.id, {
      ...filter,
      cursor: query.cursor,
      limit: PAGE_SIZE,
    })
    return {
      options: spec.options,
      body: spec.body(page, { base, workspaceId: workspace.id, filter }),
    }
  }
}
