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
import { previewPartsOf, stepPreviewLink } from './step-previews.js'
import { currencyNotice } from './currency-notice.js'
import type { CurrencyToPick } from '../../../ledger/unlisted-currencies.js'

export interface EditorContext extends RuleContext {
  readonly qualificationOptions: readonly string[]
  /** Which settings this form shows: the campaign's steps, or the operator's Settings. */
  readonly part?: FormPart
  /** Why the pickers are free text, when they are (not connected, Intercom unavailable). */
  readonly catalogNote: string | null
  /** Currencies saved as free text, to be picked from the list (see ledger/unlisted-currencies.ts). */
  readonly currenciesToPick?: readonly CurrencyToPick[]
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

/**
 * The campaign page shows what a marketer decides; how the app talks to Intercom, Stripe and the
 * outside world (attribute names, import maps, invitation limits, hold days, outgoing webhooks)
 * is the operator's, on the Settings page. A path here takes everything under it.
 */
export const OPERATOR_SETTINGS = [
  'codeParam',
  'attributes',
  'intercom',
  'import',
  'invites',
  'billing',
  'rewards.fulfilmentWebhookUrl',
] as const

export type FormPart = 'campaign' | 'settings'

function isOperatorSetting(path: string): boolean {
  return OPERATOR_SETTINGS.some((p) => path === p || path.startsWith(`${p}.`))
}

/** Whether `path` has a place in this part of the form (a section stays when any child does). */
function shownIn(part: FormPart, path: string): boolean {
  if (part === 'campaign') return !isOperatorSetting(path)
  return isOperatorSetting(path) || OPERATOR_SETTINGS.some((p) => p.startsWith(`${path}.`))
}

/** The set-up steps of a campaign, in order, and the sections each one holds. */
const STEPS = [
  { key: 'offer', title: 'The offer', sections: ['general'] },
  { key: 'rewards', title: 'Rewards', sections: ['rewards'] },
  { key: 'qualifies', title: 'Who qualifies', sections: ['qualification', 'fraud'] },
  { key: 'card', title: 'The card', sections: ['card'] },
] as const

/** A setting with its children: dedicated controls where there are, the generic renderer elsewhere. */
function renderSetting(path: string, schema: z.ZodType, value: unknown, ctx: EditorContext): Html {
  if (!shownIn(ctx.part ?? 'campaign', path)) return html``
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
  // Inside a set-up step the step's title is the h2; on the Settings page each section has one.
  const heading =
    ctx.part === 'settings'
      ? html`<h2 id="h-${key}">${info.meta.title}</h2>`
      : html`<h3 id="h-${key}">${info.meta.title}</h3>`
  return html`<section class="card settings-section" aria-labelledby="h-${key}" id="s-${key}">
    ${heading}
    <p class="section-help" id="help-${key}">${info.meta.description}</p>
    <p class="field-error" id="err-${key}" hidden></p>
    ${info.shape.fields.map(([child, childSchema]) => renderSetting(`${key}.${child}`, childSchema, values[child], ctx))}
  </section>`
}

/** The step list above the campaign's form: each step a link to its part of the page. */
function stepNav(steps: readonly { key: string; title: string }[]): Html {
  return html`<nav class="step-nav" aria-label="Set-up steps">
    <ol>
      ${steps.map(
        (step, i) =>
          html`<li>
            <a href="#step-${step.key}"><span class="step-number">${i + 1}</span> ${step.title}</a>
          </li>`,
      )}
    </ol>
  </nav>`
}

function stepHeading(index: number, total: number, title: string, key: string): Html {
  return html`<h2 class="step-title" id="step-${key}-h">
    <span class="step-of">Step ${index + 1} of ${total}</span> ${title}
  </h2>`
}

/**
 * The settings of one campaign as labelled controls (plain ones generated from the schema's
 * metadata): the marketer's set-up as steps, or the operator's settings of the same campaign.
 */
export function settingsForm(
  input: { api: string; preview: string; campaign: Campaign; part?: FormPart },
  ctx: Omit<EditorContext, 'qualificationOptions' | 'part'>,
): Html {
  const { campaign } = input
  const part = input.part ?? 'campaign'
  const settings = campaign.settings as unknown as Record<string, unknown>
  const shape = campaignSettingsSchema.shape as unknown as Record<string, z.ZodType>
  const keys = Object.keys(shape).filter((k) => shownIn(part, k))
  const sections = [
    ...SECTION_ORDER.filter((k) => keys.includes(k)),
    ...keys.filter((k) => !SECTION_ORDER.includes(k)),
  ]
  const plain = sections.filter((k) => settingInfo(shape[k]!).shape.type !== 'object')
  const grouped = sections.filter((k) => settingInfo(shape[k]!).shape.type === 'object')
  const full: EditorContext = {
    ...ctx,
    part,
    qualificationOptions: attributeOptions(ctx.catalog, campaign.settings.qualification.attribute),
  }
  const general = html`<section
    class="card settings-section"
    aria-labelledby="h-general"
    id="s-general"
  >
    ${
      part === 'campaign'
        ? html`<h3 id="h-general">The campaign and its link</h3>`
        : html`<h2 id="h-general">Links and codes</h2>`
    }
    ${
      part === 'campaign'
        ? html`<div class="field">
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
          </div>`
        : ''
    }
    ${plain.map((k) => renderSetting(k, shape[k]!, settings[k], full))}
  </section>`
  // Sections not placed in a step (added to the schema later) follow the steps, before going live.
  const placed = new Set<string>(STEPS.flatMap((step) => step.sections))
  const steps = [
    ...STEPS.map((step) => ({ key: step.key, title: step.title, sections: [...step.sections] })),
    ...grouped
      .filter((k) => !placed.has(k))
      .map((k) => ({ key: k, title: settingInfo(shape[k]!).meta.title ?? k, sections: [k] })),
  ]
  const total = steps.length + 1
  const body =
    part === 'campaign'
      ? html`${stepNav([...steps, { key: 'go-live', title: 'Go live' }])}
          ${steps.map(
            (step, i) =>
              html`<div
                class="setup-step"
                id="step-${step.key}"
                data-step="${step.key}"
                data-preview-parts="${previewPartsOf(step.key).join(' ')}"
                aria-labelledby="step-${step.key}-h"
              >
                ${stepHeading(i, total, step.title, step.key)}
                ${step.sections.map((k) => (k === 'general' ? general : section(k, shape[k]!, settings[k], full)))}
                ${stepPreviewLink(step.key)}
              </div>`,
          )}
          <div
            class="setup-step"
            id="step-go-live"
            data-step="go-live"
            data-preview-parts="${previewPartsOf('go-live').join(' ')}"
            aria-labelledby="step-go-live-h"
          >
            ${stepHeading(steps.length, total, 'Go live', 'go-live')}
            <p>
              ${
                campaign.status === 'active'
                  ? 'This campaign is live: saving applies your changes to the card right away.'
                  : 'This campaign is not live yet. Saving and going live shows its card to customers.'
              }
            </p>
            <input
              type="hidden"
              id="f-go-live"
              data-go-live
              value="${campaign.status === 'active' ? '' : 'active'}"
            />
            ${stepPreviewLink('go-live')}
          </div>`
      : html`${general} ${grouped.map((k) => section(k, shape[k]!, settings[k], full))}`
  return html`<form
    id="settings-form"
    class="settings"
    data-api="${input.api}"
    data-preview="${input.preview}"
    data-part="${part}"
    novalidate
  >
    <input type="hidden" name="version" id="f-version" value="${campaign.version}" />
    <div id="form-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
    ${ctx.catalogNote ? html`<p class="notice">${ctx.catalogNote}</p>` : ''}
    ${currencyNotice(ctx.currenciesToPick ?? [])}
    ${
      ctx.catalog
        ? html`<datalist id="dl-custom-attributes">
            ${ctx.catalog.attributes.filter((a) => a.custom).map((a) => html`<option value="${a.name}"></option>`)}
          </datalist>`
        : ''
    }
    ${
      part === 'settings'
        ? html`<nav class="section-nav" aria-label="Settings sections">
            <ul>
              <li><a href="#s-general">Links and codes</a></li>
              ${grouped.map(
                (k) =>
                  html`<li><a href="#s-${k}">${settingInfo(shape[k]!).meta.title ?? k}</a></li>`,
              )}
            </ul>
          </nav>`
        : ''
    }
    ${body}
    <div class="save-bar">
      <button type="submit" class="primary">
        ${part === 'campaign' && campaign.status !== 'active' ? 'Save and go live' : 'Save changes'}
      </button>
      <span id="form-status" role="status" aria-live="polite"></span>
    </div>
  </form>`
}
