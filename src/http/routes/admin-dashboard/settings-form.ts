import type { z } from 'zod'
import { type CampaignSettings, campaignSettingsSchema } from '../../../ledger/campaign-settings.js'
import type { Campaign } from '../../../ledger/types.js'
import { describedBy, fieldId, helpAndError, settingControl } from './campaign-editor/controls.js'
import {
  FRIEND_FACTS,
  fieldRows,
  IMPORT_FIELDS,
  REFERRER_FACTS,
  type RowsSpec,
} from './campaign-editor/field-rows.js'
import { choicePicker } from './campaign-editor/choice-picker.js'
import { attributeOptions, attributePicker } from './campaign-editor/pickers.js'
import { ruleBuilder, type RuleContext } from './campaign-editor/reward-rules.js'
import { settingInfo } from './campaign-editor/setting-schema.js'
import { type Html, html } from './html.js'

export interface EditorContext extends RuleContext {
  readonly qualificationOptions: readonly string[]
  /** Why the pickers are free text, when they are (not connected, Intercom unavailable). */
  readonly catalogNote: string | null
}

type Dedicated = (path: string, value: unknown, ctx: EditorContext, schema: z.ZodType) => Html

function metaOf(schema: z.ZodType) {
  const { meta } = settingInfo(schema)
  return { title: meta.title ?? '', help: meta.description ?? '' }
}

function rows(spec: Omit<RowsSpec, 'title' | 'help' | 'path'>): Dedicated {
  return (path, value, ctx, schema) =>
    fieldRows(
      ctx.catalog,
      { ...spec, ...metaOf(schema), path },
      (value ?? {}) as Record<string, unknown>,
    )
}

/** Values that qualify: the list attribute's options as checkboxes, else one value per line. */
function qualificationValues(
  values: readonly string[],
  options: readonly string[],
  help: string,
  title: string,
): Html {
  const path = 'qualification.values'
  if (options.length === 0) {
    return html`<div class="field" data-values-box>
      <label for="${fieldId(path)}">${title}</label>
      <textarea
        id="${fieldId(path)}"
        name="${path}"
        data-kind="lines"
        rows="3"
        aria-describedby="${describedBy(path, help)}"
      >
${values.join('\n')}</textarea>
      ${helpAndError(path, help)}
    </div>`
  }
  const extra = values.filter((v) => !options.includes(v))
  return html`<fieldset
    class="field checks"
    data-values-box
    id="${fieldId(path)}"
    tabindex="-1"
    data-kind="checks"
    data-name="${path}"
    aria-describedby="${describedBy(path, help)}"
  >
    <legend>${title}</legend>
    ${[...options, ...extra].map(
      (option, i) =>
        html`<div class="check">
          <input
            type="checkbox"
            id="qv-${i}"
            value="${option}"
            ${values.includes(option) ? html`checked` : ''}
          />
          <label for="qv-${i}">${option}</label>
        </div>`,
    )}
    ${helpAndError(path, help)}
  </fieldset>`
}

const DEDICATED: Record<string, Dedicated> = {
  'qualification.attribute': (path, value, ctx, schema) => {
    const { title, help } = metaOf(schema)
    return html`<div class="field">
      <label for="${fieldId(path)}">${title}</label>
      ${attributePicker(ctx.catalog, {
        id: fieldId(path),
        name: path,
        kind: 'string',
        describedBy: describedBy(path, help),
        form: 'full',
        value: typeof value === 'string' ? value : null,
        extraAttrs: html`data-qualification-attribute`,
        placeholder: 'e.g. role or custom_attributes.plan',
      })}
      ${helpAndError(path, help)}
    </div>`
  },
  'qualification.values': (_path, value, ctx, schema) => {
    const { title, help } = metaOf(schema)
    return qualificationValues((value as string[]) ?? [], ctx.qualificationOptions, help, title)
  },
  'rewards.rules': (_path, value, ctx) =>
    ruleBuilder((value ?? []) as CampaignSettings['rewards']['rules'], ctx),
  'intercom.referrerFields': rows({
    key: { type: 'facts', label: 'Referral fact', facts: REFERRER_FACTS },
    value: { type: 'attribute', label: 'Intercom attribute', form: 'bare' },
    addLabel: '+ Add a field for referrers',
  }),
  'intercom.friendFields': rows({
    key: { type: 'facts', label: 'Referral fact', facts: FRIEND_FACTS },
    value: { type: 'attribute', label: 'Intercom attribute', form: 'bare' },
    addLabel: '+ Add a field for friends',
  }),
  'intercom.defaults': rows({
    key: { type: 'attribute', label: 'Intercom attribute', form: 'full' },
    value: { type: 'value', label: 'Value' },
    addLabel: '+ Add a fixed value',
  }),
  'import.fieldMap': rows({
    key: { type: 'attribute', label: 'Intercom attribute', form: 'full' },
    value: { type: 'facts', label: 'Referrer field', facts: IMPORT_FIELDS },
    addLabel: '+ Add a field to import',
  }),
  'import.segmentId': (path, value, ctx, schema) => {
    const { title, help } = metaOf(schema)
    const id = fieldId(path)
    const control = choicePicker({
      id,
      name: path,
      describedBy: describedBy(path, help),
      value: typeof value === 'string' ? value : '',
      choices:
        ctx.catalog?.segments.map((s) => ({
          value: s.id,
          text: `${s.name}${s.count !== null ? ` (${s.count} people)` : ''}`,
        })) ?? null,
      emptyLabel: 'No segment',
      missing: 'not in Intercom',
      placeholder: 'Segment id from Intercom',
    })
    return html`<div class="field">
      <label for="${id}">${title}</label>${control}${helpAndError(path, help)}
    </div>`
  },
}

// Sections in the order a marketer sets a campaign up; sections added later follow in schema order.
const SECTION_ORDER = [
  'qualification',
  'rewards',
  'card',
  'intercom',
  'attributes',
  'import',
  'fraud',
]

/** A setting with its children: dedicated controls where there are, the generic renderer elsewhere. */
function renderSetting(path: string, schema: z.ZodType, value: unknown, ctx: EditorContext): Html {
  const dedicated = DEDICATED[path]
  if (dedicated) return dedicated(path, value, ctx, schema)
  const info = settingInfo(schema)
  if (info.shape.type === 'object') {
    const values = (value ?? {}) as Record<string, unknown>
    return html`<fieldset class="group" id="${fieldId(path)}" tabindex="-1">
      <legend>${info.meta.title}</legend>
      ${helpAndError(path, info.meta.description)}
      ${info.shape.fields.map(([key, child]) => renderSetting(`${path}.${key}`, child, values[key], ctx))}
    </fieldset>`
  }
  if (info.shape.type === 'composite') return html``
  return settingControl(
    path,
    info,
    value,
    path.startsWith('attributes.') && ctx.catalog ? { list: 'dl-custom-attributes' } : {},
  )
}

function section(key: string, schema: z.ZodType, value: unknown, ctx: EditorContext): Html {
  const info = settingInfo(schema)
  if (info.shape.type !== 'object' || DEDICATED[key]) return renderSetting(key, schema, value, ctx)
  const values = (value ?? {}) as Record<string, unknown>
  return html`<section class="card settings-section" aria-labelledby="h-${key}" id="s-${key}">
    <h2 id="h-${key}">${info.meta.title}</h2>
    <p class="section-help" id="help-${key}">${info.meta.description}</p>
    <p class="field-error" id="err-${key}" hidden></p>
    ${info.shape.fields.map(([child, childSchema]) => renderSetting(`${key}.${child}`, childSchema, values[child], ctx))}
  </section>`
}

/** Every campaign setting as labelled controls; plain ones generated from the schema's metadata. */
export function settingsForm(
  input: { api: string; preview: string; campaign: Campaign },
  ctx: Omit<EditorContext, 'qualificationOptions'>,
): Html {
  const { campaign } = input
  const settings = campaign.settings as unknown as Record<string, unknown>
  const shape = campaignSettingsSchema.shape as unknown as Record<string, z.ZodType>
  const keys = Object.keys(shape)
  const sections = [
    ...SECTION_ORDER.filter((k) => keys.includes(k)),
    ...keys.filter((k) => !SECTION_ORDER.includes(k)),
  ]
  const plain = sections.filter((k) => settingInfo(shape[k]!).shape.type !== 'object')
  const grouped = sections.filter((k) => settingInfo(shape[k]!).shape.type === 'object')
  const full: EditorContext = {
    ...ctx,
    qualificationOptions: attributeOptions(ctx.catalog, campaign.settings.qualification.attribute),
  }
  return html`<form
    id="settings-form"
    class="settings"
    data-api="${input.api}"
    data-preview="${input.preview}"
    novalidate
  >
    <input type="hidden" name="version" id="f-version" value="${campaign.version}" />
    <div id="form-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
    ${ctx.catalogNote ? html`<p class="notice">${ctx.catalogNote}</p>` : ''}
    ${
      ctx.catalog
        ? html`<datalist id="dl-custom-attributes">
            ${ctx.catalog.attributes.filter((a) => a.custom).map((a) => html`<option value="${a.name}"></option>`)}
          </datalist>`
        : ''
    }
    <nav class="section-nav" aria-label="Settings sections">
      <ul>
        <li><a href="#s-general">Campaign and links</a></li>
        ${grouped.map(
          (k) => html`<li><a href="#s-${k}">${settingInfo(shape[k]!).meta.title ?? k}</a></li>`,
        )}
      </ul>
    </nav>
    <section class="card settings-section" aria-labelledby="h-general" id="s-general">
      <h2 id="h-general">Campaign and links</h2>
      <div class="field">
        <label for="f-name">Campaign name</label>
        <input
          id="f-name"
          name="name"
          data-kind="string"
          value="${campaign.name}"
          aria-describedby="help-name err-name"
        />
        <p class="help" id="help-name">
          Only admins see it: in this dashboard and when adding the card.
        </p>
        <p class="field-error" id="err-name" hidden></p>
      </div>
      ${plain.map((k) => renderSetting(k, shape[k]!, settings[k], full))}
    </section>
    ${grouped.map((k) => section(k, shape[k]!, settings[k], full))}
    <div class="save-bar">
      <button type="submit" class="primary">Save changes</button>
      <span id="form-status" role="status" aria-live="polite"></span>
    </div>
  </form>`
}
