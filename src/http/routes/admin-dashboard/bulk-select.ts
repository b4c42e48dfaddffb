import { type Html, html } from './html.js'

/**
 * Bulk decisions on a review list: a checkbox on each row still waiting for review, one to
 * select all of them on the page, and a bar that decides the selection at once (after a
 * confirmation) through the list's bulk-decisions endpoint. Without the script the boxes do
 * nothing and each row keeps its own buttons.
 */
export interface BulkBar {
  /** The list's table id; the bar's own ids derive from it. */
  readonly table: string
  /** /api/v1/workspaces/:workspaceId/<noun>s/bulk-decisions */
  readonly url: string
  /** Plural, as the words say it: "referrals". */
  readonly nouns: string
  readonly actions: readonly { action: string; label: string; needsReason?: boolean }[]
}

/** The bar above the table. */
export function bulkBar(bar: BulkBar): Html {
  const id = `${bar.table}-bulk`
  return html`<form
    id="${id}"
    class="bulk-bar"
    data-bulk-table="${bar.table}"
    data-url="${bar.url}"
    data-nouns="${bar.nouns}"
    aria-labelledby="${id}-h"
  >
    <h2 id="${id}-h" class="sr-only">Decide several ${bar.nouns} at once</h2>
    <p class="bulk-count" id="${id}-count">
      Select ${bar.nouns} with the boxes to decide them at once.
    </p>
    <div class="bulk-fields">
      <label for="${id}-reason"
        >Reason (needed to
        ${bar.actions
          .filter((a) => a.needsReason)
          .map((a) => a.label.toLowerCase())
          .join(' or ')})</label
      >
      <input id="${id}-reason" name="reason" maxlength="500" autocomplete="off" />
      ${bar.actions.map(
        (a) =>
          html`<button
            type="button"
            class="${a.needsReason ? 'secondary' : ''}"
            data-bulk-action="${a.action}"
            data-label="${a.label}"
            ${a.needsReason ? html`data-needs-reason="yes"` : ''}
            aria-describedby="${id}-count"
          >
            ${a.label} selected
          </button> `,
      )}
    </div>
  </form>`
}

/** The heading cell of the checkbox column: select every selectable row of this page. */
export function selectAllHeading(table: string, nouns: string): Html {
  return html`<label class="select-box"
    ><input type="checkbox" data-select-all="${table}" /><span class="sr-only"
      >Select every ${nouns.replace(/s$/, '')} waiting for review on this page</span
    ></label
  >`
}

/** A row's checkbox cell: a box when the row waits for review, empty otherwise. */
export function selectCell(selectable: boolean, id: string, name: string): Html {
  return html`<td class="select">
    ${
      selectable
        ? html`<label class="select-box"
            ><input type="checkbox" name="selected" value="${id}" /><span class="sr-only"
              >Select ${name}</span
            ></label
          >`
        : ''
    }
  </td>`
}
