import { type Html, html } from '../html.js'

/** One thing the workspace has to choose from: what is stored, and what the marketer reads. */
export interface Choice {
  readonly value: string
  readonly text: string
}

export interface ChoicePickerInput {
  readonly id: string
  readonly name: string
  readonly describedBy: string
  /** The saved value; '' for none. */
  readonly value: string
  /** What there is to choose from; null when nothing can be listed, so the value is typed in. */
  readonly choices: readonly Choice[] | null
  /** The first choice, which stores nothing. */
  readonly emptyLabel: string
  /** Why a saved value is not among the choices, e.g. "not in Intercom". */
  readonly missing: string
  readonly placeholder: string
}

/**
 * A select of what the workspace has (its segments, the campaign's coupon pools), else a text box.
 * A saved value no longer offered stays selected, marked, so opening the page changes nothing.
 */
export function choicePicker(input: ChoicePickerInput): Html {
  const { choices, value } = input
  if (!choices) {
    return html`<input
      type="text"
      id="${input.id}"
      name="${input.name}"
      data-kind="nullable-string"
      value="${value}"
      placeholder="${input.placeholder}"
      aria-describedby="${input.describedBy}"
    />`
  }
  return html`<select
    id="${input.id}"
    name="${input.name}"
    data-kind="nullable-string"
    aria-describedby="${input.describedBy}"
  >
    <option value="">${input.emptyLabel}</option>
    ${
      value && !choices.some((c) => c.value === value)
        ? html`<option value="${value}" selected>${value} (${input.missing})</option>`
        : ''
    }
    ${choices.map(
      (c) =>
        html`<option value="${c.value}" ${c.value === value ? html`selected` : ''}>
          ${c.text}
        </option>`,
    )}
  </select>`
}
