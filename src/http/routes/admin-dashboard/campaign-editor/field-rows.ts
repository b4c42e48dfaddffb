import type { WorkspaceCatalog } from '../../../../intercom/workspace-catalog.js'
import { type Html, html } from '../html.js'
import { helpAndError } from './controls.js'
import { type AttributeForm, attributePicker } from './pickers.js'

/** The facts the app can write on a referrer or a friend (keys of src/sync/outbound-contact.ts). */
export const REFERRER_FACTS: Record<string, string> = {
  name: 'Name',
  code: 'Referral code',
  link: 'Referral link',
  referralCount: 'Friends referred',
  convertedCount: 'Friends who qualified',
  lastReferralAt: 'Last referral (date)',
  campaign: 'Campaign name',
  source: 'How they joined',
}
export const FRIEND_FACTS: Record<string, string> = {
  name: 'Name',
  referrerName: 'Referrer’s name',
  referrerEmail: 'Referrer’s email',
  referrerCode: 'Referrer’s code',
  referrerLink: 'Referrer’s link',
  campaign: 'Campaign name',
  source: 'How they were referred',
  status: 'Referral status',
}
/** The referrer fields an import fills (IMPORT_APP_FIELDS of src/sync/contact-person.ts). */
export const IMPORT_FIELDS: Record<string, string> = {
  email: 'Email',
  name: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
}

/** One side of a row: a choice among fixed facts, an Intercom attribute, or a typed value. */
export type RowSide =
  | { readonly type: 'facts'; readonly label: string; readonly facts: Record<string, string> }
  | { readonly type: 'attribute'; readonly label: string; readonly form: AttributeForm }
  | { readonly type: 'value'; readonly label: string }

export interface RowsSpec {
  readonly path: string
  readonly title: string
  readonly help: string
  readonly key: RowSide
  readonly value: RowSide
  readonly addLabel: string
}

function side(
  catalog: WorkspaceCatalog | null,
  spec: RowSide,
  role: 'key' | 'value',
  id: string,
  current: string | null,
): Html {
  const attrs = html`data-map-${role}`
  if (spec.type === 'facts') {
    return html`<select id="${id}" ${attrs}>
      ${
        current && !(current in spec.facts)
          ? html`<option value="${current}" selected>${current}</option>`
          : ''
      }
      ${Object.entries(spec.facts).map(
        ([value, label]) =>
          html`<option value="${value}" ${value === current ? html`selected` : ''}>
            ${label}
          </option>`,
      )}
    </select>`
  }
  if (spec.type === 'attribute') {
    return attributePicker(catalog, {
      id,
      value: current,
      form: spec.form,
      extraAttrs: attrs,
      emptyLabel: 'Choose an attribute',
    })
  }
  return html`<input type="text" id="${id}" ${attrs} value="${current ?? ''}" autocomplete="off" />`
}

function row(
  catalog: WorkspaceCatalog | null,
  spec: RowsSpec,
  index: string,
  entry: [string, string] | null,
): Html {
  const base = `${spec.path}.${index}`
  return html`<li class="map-row" data-map-row>
    <div class="field">
      <label for="f-${base}.key">${spec.key.label}</label>
      ${side(catalog, spec.key, 'key', `f-${base}.key`, entry?.[0] ?? null)}
    </div>
    <span class="arrow" aria-hidden="true">→</span>
    <div class="field">
      <label for="f-${base}.value">${spec.value.label}</label>
      ${side(catalog, spec.value, 'value', `f-${base}.value`, entry?.[1] ?? null)}
      <p class="field-error" id="err-${base}.value" hidden></p>
    </div>
    <button type="button" class="link danger" data-remove-row>
      Remove<span class="sr-only">
        row <span data-row-number>${index === '__i__' ? '' : Number(index) + 1}</span></span
      >
    </button>
  </li>`
}

/** A map setting (field maps, referrer/friend fields, defaults) as rows of pickers. */
export function fieldRows(
  catalog: WorkspaceCatalog | null,
  spec: RowsSpec,
  value: Record<string, unknown>,
): Html {
  const entries = Object.entries(value).map(
    ([k, v]) => [k, typeof v === 'string' ? v : String(v)] as [string, string],
  )
  return html`<fieldset
    class="map"
    id="f-${spec.path}"
    tabindex="-1"
    data-map="${spec.path}"
    ${spec.value.type === 'value' ? html`data-map-scalars` : ''}
  >
    <legend>${spec.title}</legend>
    ${helpAndError(spec.path, spec.help)}
    <ul class="map-rows" data-map-rows>
      ${entries.map((entry, i) => row(catalog, spec, String(i), entry))}
    </ul>
    <template data-map-template>${row(catalog, spec, '__i__', null)}</template>
    <button type="button" class="secondary" data-add-row>${spec.addLabel}</button>
  </fieldset>`
}
