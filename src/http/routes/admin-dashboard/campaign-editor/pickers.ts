import type { CatalogAttribute, WorkspaceCatalog } from '../../../../intercom/workspace-catalog.js'
import { type Html, html } from '../html.js'

/** Which form an attribute is stored in: `custom_attributes.plan` (full) or `plan` (bare). */
export type AttributeForm = 'full' | 'bare'

export interface PickerInput {
  readonly id: string
  readonly name?: string
  readonly value: string | null
  /** data-kind for the form script; omitted when a container reads the control. */
  readonly kind?: string
  readonly describedBy?: string
  readonly form: AttributeForm
  readonly extraAttrs?: Html
  readonly placeholder?: string
  /** Offer "none" as the first choice (value ""). */
  readonly emptyLabel?: string
  readonly onlyCustom?: boolean
}

function valueOf(a: CatalogAttribute, form: AttributeForm): string {
  return form === 'full' ? a.fullName : a.name
}

function optionText(a: CatalogAttribute): string {
  const type = a.options.length > 0 ? 'list' : a.dataType
  return a.label === a.name ? `${a.name} (${type})` : `${a.label}: ${a.name} (${type})`
}

/**
 * A select of the workspace's contact attributes when it is connected, else a text box. A saved
 * value Intercom no longer lists stays selectable, marked, so opening the page changes nothing.
 */
export function attributePicker(catalog: WorkspaceCatalog | null, input: PickerInput): Html {
  const common = html`id="${input.id}" ${input.name ? html`name="${input.name}"` : ''}
  ${input.kind ? html`data-kind="${input.kind}"` : ''}
  ${input.describedBy ? html`aria-describedby="${input.describedBy}"` : ''}
  ${input.extraAttrs ?? ''}`
  if (!catalog) {
    return html`<input
      type="text"
      ${common}
      value="${input.value ?? ''}"
      placeholder="${
        input.placeholder ?? (input.form === 'full' ? 'e.g. custom_attributes.plan' : 'e.g. plan')
      }"
      autocomplete="off"
      spellcheck="false"
    />`
  }
  const listed = catalog.attributes.filter((a) => !input.onlyCustom || a.custom)
  const known = listed.some((a) => valueOf(a, input.form) === input.value)
  const group = (label: string, items: readonly CatalogAttribute[]) =>
    items.length === 0
      ? ''
      : html`<optgroup label="${label}">
          ${items.map((a) => {
            const value = valueOf(a, input.form)
            return html`<option
              value="${value}"
              ${a.options.length ? html`data-options="${a.options.join('\n')}"` : ''}
              ${value === input.value ? html`selected` : ''}
            >
              ${optionText(a)}
            </option>`
          })}
        </optgroup>`
  return html`<select ${common}>
    ${
      input.emptyLabel !== undefined
        ? html`<option value="" ${input.value ? '' : html`selected`}>${input.emptyLabel}</option>`
        : ''
    }
    ${
      input.value && !known
        ? html`<option value="${input.value}" selected>${input.value} (not in Intercom)</option>`
        : ''
    }
    ${group(
      'Standard attributes',
      listed.filter((a) => !a.custom),
    )}
    ${group(
      'Custom attributes',
      listed.filter((a) => a.custom),
    )}
  </select>`
}

/** The options of a list attribute, for the qualification values. */
export function attributeOptions(catalog: WorkspaceCatalog | null, fullName: string): string[] {
  const found = catalog?.attributes.find((a) => a.fullName === fullName)
  return found ? [...found.options] : []
}
