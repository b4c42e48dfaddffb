import { type Html, html } from '../html.js'
import type { SettingInfo } from './setting-schema.js'

/** Words for enum values a marketer reads; a value without one is shown capitalised. */
const VALUE_LABELS: Record<string, string> = {
  'codeStyle.name': 'From the person’s name (jane-k7p2)',
  'codeStyle.random': 'Random letters (k7p2xq)',
  none: 'Do nothing',
  lead: 'Create a lead',
  user: 'Create a user',
  skip: 'Leave it as it is',
  update: 'Update it',
  leads: 'Leads',
  users: 'Users',
  all: 'Everyone (leads and users)',
  segment: 'One segment',
  once: 'Once',
  ongoing: 'On a schedule',
  referrer: 'The referrer',
  friend: 'The friend',
  both: 'Both',
  fixed: 'A fixed amount',
  points: 'Points',
  coupon: 'A coupon code',
  commission: 'A commission on a sale',
  payout: 'A gift card or cash',
  'payoutProvider.tremendous': 'Tremendous (gift cards, recipient’s choice)',
  'payoutProvider.tango_card': 'Tango Card (gift cards)',
  'payoutProvider.paypal': 'PayPal (cash)',
  'payoutDelivery.email': 'E-mailed by the provider',
  'payoutDelivery.link': 'As a link',
}

export function valueLabel(path: string, value: string, info?: SettingInfo): string {
  const key = path.split('.').at(-1) ?? path
  return (
    info?.meta.options?.[value] ??
    VALUE_LABELS[`${key}.${value}`] ??
    VALUE_LABELS[value] ??
    value.charAt(0).toUpperCase() + value.slice(1)
  )
}

export function fieldId(path: string): string {
  return `f-${path}`
}

/** The error line (hidden until needed, right under the control) and the help line below it. */
export function helpAndError(path: string, help: string | undefined): Html {
  return html`<p class="field-error" id="err-${path}" hidden></p>
    ${help ? html`<p class="help" id="help-${path}">${help}</p>` : ''}`
}

export function describedBy(path: string, help: string | undefined): string {
  return help ? `help-${path} err-${path}` : `err-${path}`
}

/** One labelled control from a setting's schema and metadata: the generic renderer's leaf. */
export function settingControl(
  path: string,
  info: SettingInfo,
  value: unknown,
  extra: { list?: string } = {},
): Html {
  const id = fieldId(path)
  const title = info.meta.title ?? path
  const help = info.meta.description
  const aria = describedBy(path, help)
  const shape = info.shape
  if (shape.type === 'boolean') {
    return html`<div class="field check">
      <input
        type="checkbox"
        id="${id}"
        name="${path}"
        data-kind="bool"
        aria-describedby="${aria}"
        ${value === true ? html`checked` : ''}
      />
      <div>
        <label for="${id}">${title}</label>
        ${helpAndError(path, help)}
      </div>
    </div>`
  }
  let control: Html
  if (shape.type === 'enum') {
    control = html`<select
      id="${id}"
      name="${path}"
      data-kind="${info.nullable ? 'nullable-string' : 'string'}"
      aria-describedby="${aria}"
    >
      ${info.nullable ? html`<option value="">—</option>` : ''}
      ${shape.values.map(
        (v) =>
          html`<option value="${v}" ${v === value ? html`selected` : ''}>
            ${valueLabel(path, v, info)}
          </option>`,
      )}
    </select>`
  } else if (shape.type === 'number') {
    control = html`<input
      type="number"
      inputmode="${shape.integer ? 'numeric' : 'decimal'}"
      id="${id}"
      name="${path}"
      class="short"
      data-kind="${info.nullable ? 'nullable-number' : 'number'}"
      step="${shape.integer ? '1' : 'any'}"
      ${shape.min !== null ? html`min="${shape.min}"` : ''}
      ${shape.max !== null ? html`max="${shape.max}"` : ''}
      value="${typeof value === 'number' ? String(value) : ''}"
      aria-describedby="${aria}"
    />`
  } else if (shape.type === 'lines') {
    control = html`<textarea
      id="${id}"
      name="${path}"
      data-kind="lines"
      rows="3"
      aria-describedby="${aria}"
    >
${Array.isArray(value) ? value.join('\n') : ''}</textarea>`
  } else {
    control = html`<input
      type="${shape.type === 'url' ? 'url' : 'text'}"
      id="${id}"
      name="${path}"
      data-kind="${info.nullable ? 'nullable-string' : 'string'}"
      value="${typeof value === 'string' ? value : ''}"
      ${extra.list ? html`list="${extra.list}"` : ''}
      ${shape.type === 'url' ? html`placeholder="https://"` : ''}
      aria-describedby="${aria}"
    />`
  }
  return html`<div class="field">
    <label for="${id}">${title}</label>
    ${control} ${helpAndError(path, help)}
  </div>`
}
