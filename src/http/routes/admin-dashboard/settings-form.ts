import { z } from 'zod'
import { type CampaignSettings, campaignSettingsSchema } from '../../../ledger/campaign-settings.js'
import { type Html, html } from './html.js'

type JsonSchema = {
  type?: string
  enum?: string[]
  anyOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  additionalProperties?: unknown
  items?: JsonSchema
  format?: string
  description?: string
  minimum?: number
  maximum?: number
}

// Labels for the sections and the settings whose key alone would not say enough.
const LABELS: Record<string, string> = {
  destinationUrl: 'Destination URL (where a referral link leads)',
  fallbackUrl: 'Fallback URL (unknown or expired code)',
  codeParam: 'Code query parameter',
  codeStyle: 'Code style',
  card: 'Messenger card',
  attributes: 'Intercom attribute mapping (empty switches one off)',
  qualification: 'Qualification rule',
  'qualification.attribute': 'Contact attribute that qualifies a friend',
  'qualification.values': 'Qualifying values (one per line)',
  rewards: 'Rewards',
  'rewards.rules': 'Reward rules (JSON)',
  fraud: 'Fraud settings',
  'fraud.blocklist': 'Blocked emails or domains (one per line)',
  intercom: 'Intercom actions',
  'intercom.duplicatePolicy': 'When the contact already exists',
  import: 'Contact import',
  'import.intervalMinutes': 'Import every (minutes)',
}

function labelOf(path: string, key: string): string {
  return (
    LABELS[path] ??
    key
      .replace(/([A-Z])/g, ' $1')
      .replace(/_/g, ' ')
      .replace(/^./, (c) => c.toUpperCase())
  )
}

function nonNull(schema: JsonSchema): { inner: JsonSchema; nullable: boolean } {
  const options = schema.anyOf
  if (!options) return { inner: schema, nullable: false }
  const inner = options.find((o) => o.type !== 'null') ?? {}
  return { inner, nullable: options.some((o) => o.type === 'null') }
}

function at(values: unknown, key: string): unknown {
  return values && typeof values === 'object' ? (values as Record<string, unknown>)[key] : undefined
}

function fieldId(path: string): string {
  return `f-${path}`
}

function field(path: string, key: string, schema: JsonSchema, value: unknown): Html {
  const { inner, nullable } = nonNull(schema)
  const id = fieldId(path)
  const errorId = `err-${path}`
  const label = labelOf(path, key)
  const common = html`id="${id}" name="${path}" aria-describedby="${errorId}"`
  const error = html`<p class="field-error" id="${errorId}" hidden></p>`
  if (inner.type === 'boolean') {
    return html`<div class="field check">
      <input
        type="checkbox"
        ${common}
        data-kind="bool"
        ${value === true ? html` checked` : ''}
      /><label for="${id}">${label}</label>${error}
    </div>`
  }
  if (inner.enum) {
    return html`<div class="field">
      <label for="${id}">${label}</label
      ><select ${common} data-kind="${nullable ? 'nullable-string' : 'string'}">
        ${inner.enum.map(
          (option) => html`<option${option === value ? html` selected` : ''}>${option}</option>`,
        )}</select
      >${error}
    </div>`
  }
  if (inner.type === 'integer' || inner.type === 'number') {
    return html`<div class="field">
      <label for="${id}">${label}</label
      ><input
        type="number"
        ${common}
        data-kind="${nullable ? 'nullable-number' : 'number'}"
        step="${inner.type === 'integer' ? '1' : 'any'}"
        value="${value === null || value === undefined ? '' : String(value)}"
      />${error}
    </div>`
  }
  if (inner.type === 'array' && inner.items?.type === 'string') {
    const lines = Array.isArray(value) ? value.join('\n') : ''
    return html`<div class="field">
      <label for="${id}">${label}</label
      ><textarea ${common} data-kind="lines" rows="3">${lines}</textarea>${error}
    </div>`
  }
  if (inner.type === 'array' || inner.additionalProperties !== undefined) {
    return html`<div class="field">
      <label for="${id}">${label}</label
      ><textarea ${common} data-kind="json" rows="4" spellcheck="false">
${JSON.stringify(value ?? (inner.type === 'array' ? [] : {}), null, 2)}</textarea
      >${error}
    </div>`
  }
  const type = inner.format === 'uri' ? 'url' : 'text'
  return html`<div class="field">
    <label for="${id}">${label}</label
    ><input
      type="${type}"
      ${common}
      data-kind="${nullable ? 'nullable-string' : 'string'}"
      value="${typeof value === 'string' ? value : ''}"
    />${error}
  </div>`
}

function section(path: string, key: string, schema: JsonSchema, values: unknown): Html {
  const fields = Object.entries(schema.properties ?? {}).map(([child, childSchema]) =>
    field(`${path}.${child}`, child, childSchema, at(values, child)),
  )
  return html`<fieldset id="${fieldId(path)}">
    <legend>${labelOf(path, key)}</legend>
    ${fields}
    <p class="field-error" id="err-${path}" hidden></p>
  </fieldset>`
}

let cached: JsonSchema | undefined

/** Every campaign setting as a labelled form control, generated from the settings' zod schema. */
export function settingsForm(action: string, name: string, settings: CampaignSettings): Html {
  cached ??= z.toJSONSchema(campaignSettingsSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema
  const parts = Object.entries(cached.properties ?? {}).map(([key, schema]) => {
    const { inner } = nonNull(schema)
    const value = at(settings, key)
    return inner.type === 'object' && inner.properties
      ? section(key, key, inner, value)
      : field(key, key, schema, value)
  })
  return html`<form id="settings-form" class="settings" data-api="${action}" novalidate>
    <div id="form-status" role="status" aria-live="polite"></div>
    <div id="form-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
    <div class="field">
      <label for="f-name">Campaign name</label
      ><input
        id="f-name"
        name="name"
        data-kind="string"
        value="${name}"
        aria-describedby="err-name"
      />
      <p class="field-error" id="err-name" hidden></p>
    </div>
    ${parts}
    <button type="submit">Save settings</button>
  </form>`
}
