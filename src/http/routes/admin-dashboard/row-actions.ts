import { type Html, html } from './html.js'

/** What a reviewer may do to one row of a list; the dashboard's script posts to `<item url>/<action>`. */
export interface RowAction<Status extends string> {
  readonly action: string
  readonly label: string
  /** Whether the row's status allows it. */
  readonly allowed: (status: Status) => boolean
  /** Asked before posting; the answer is sent as the reason. */
  readonly needsReason?: string
}

/** The buttons of a row's actions cell, for the actions its status allows. */
export function rowActions<Status extends string>(
  actions: readonly RowAction<Status>[],
  status: Status,
  itemUrl: string,
): Html[] {
  return actions
    .filter((a) => a.allowed(status))
    .map(
      // A space after each button, as between words: the buttons sit apart and wrap apart.
      (a) =>
        html`<button
          type="button"
          data-action="${a.action}"
          data-url="${itemUrl}/${a.action}"
          ${a.needsReason ? html`data-needs-reason="${a.needsReason}"` : ''}
        >
          ${a.label}
        </button> `,
    )
}
