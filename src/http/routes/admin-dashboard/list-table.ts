import type { Page } from '../../../ledger/admin/cursor.js'
import { type Html, html } from './html.js'

export interface ListTable<T> {
  readonly id?: string
  readonly caption: Html | string
  readonly columns: readonly (string | Html)[]
  readonly items: readonly T[]
  readonly row: (item: T, index: number) => Html
  /** A full-width row that says why the table is empty; without it an empty table has no rows. */
  readonly empty?: string
  /** What stands instead of the whole table when there is nothing to list. */
  readonly whenEmpty?: Html
  /** More attributes of the table element, such as the data-url a script fills it from. */
  readonly attributes?: Html
}

/** Every list in the dashboard is one of these: a captioned table with column headings. */
export function listTable<T>(t: ListTable<T>): Html {
  if (t.items.length === 0 && t.whenEmpty !== undefined) return t.whenEmpty
  // On a phone a wide table scrolls inside its own box (reachable by keyboard), never the page.
  return html`<div class="table-scroll" tabindex="0">${table(t)}</div>`
}

function table<T>(t: ListTable<T>): Html {
  return html`<table${t.id ? html` id="${t.id}"` : ''}${t.attributes ? html` ${t.attributes}` : ''}>
    <caption>
      ${t.caption}
    </caption>
    <thead>
      <tr>
        ${t.columns.map((c) => html`<th scope="col">${c}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${
        t.items.length === 0 && t.empty !== undefined
          ? html`<tr>
              <td colspan="${t.columns.length}">${t.empty}</td>
            </tr>`
          : t.items.map(t.row)
      }
    </tbody>
  </table>`
}

function nextLink(base: string, params: Record<string, string | undefined>, page: Page<unknown>) {
  if (!page.nextCursor) return ''
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value)
  query.set('cursor', page.nextCursor)
  return html`<p><a class="button" href="${base}?${query.toString()}">Next page</a></p>`
}

/** One page of a listing: its table, then the link to the next page, keeping the filter. */
export function pagedTable<T>(
  path: string,
  filter: Record<string, string | undefined>,
  page: Page<T>,
  table: Omit<ListTable<T>, 'items'>,
): Html {
  return html`${listTable({ ...table, items: page.items })} ${nextLink(path, filter, page)}`
}

type Cell = Html | string | number

/** A list row whose first cell names the item (a row header for screen readers), then its data. */
export function headedRow(heading: Cell, cells: readonly Cell[]): Html {
  return html`<tr>
    <th scope="row">${heading}</th>
    ${cells.map((c) => html`<td>${c}</td>`)}
  </tr>`
}
