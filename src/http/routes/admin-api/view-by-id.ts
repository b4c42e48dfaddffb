import type { AppContext } from '../../../context.js'
import { AppError } from '../../../errors.js'
import type { Page } from '../../../ledger/admin/cursor.js'
import type { Db } from '../../../ledger/db-types.js'

/**
 * One item of a ledger listing, found by id and shown as the API shows it: routes that show or
 * act on one item answer with the same row the list would give, and a 404 in the item's words.
 */
export function viewById<Item, View>(
  listing: (
    db: Db,
    workspaceId: string,
    query: { id: string; limit: number },
  ) => Promise<Page<Item>>,
  view: (item: Item) => View,
  noun: string,
): (ctx: AppContext, workspaceId: string, id: string) => Promise<View> {
  return async (ctx, workspaceId, id) => {
    const page = await listing(ctx.db, workspaceId, { id, limit: 1 })
    const found = page.items[0]
    if (!found) throw new AppError('not_found', `That ${noun} was not found.`)
    return view(found)
  }
}
