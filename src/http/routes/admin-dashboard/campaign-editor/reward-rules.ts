import { campaignSettingsSchema, type RewardRule } from '../../../../ledger/campaign-settings.js'
import { CURRENCY_CODES, currencyName } from '../../../../money/currencies.js'
import { majorUnits } from '../../../../money/format.js'
import type { WorkspaceCatalog } from '../../../../intercom/workspace-catalog.js'
import type { CatalogItem } from '../../../../rewards/payouts/provider.js'
import { type Html, html } from '../html.js'
import { catalogPicker } from './catalog-picker.js'
import { describedBy, helpAndError, valueLabel } from './controls.js'
import { choicePicker } from './choice-picker.js'
import { attributePicker } from './pickers.js'
import { settingInfo } from './setting-schema.js'

const ruleShape = (() => {
  const rewards = settingInfo(campaignSettingsSchema.shape.rewards)
  if (rewards.shape.type !== 'object') throw new Error('rewards is an object')
  const rules = rewards.shape.fields.find(([key]) => key === 'rules')?.[1]
  const element = (rules?._zod.def as { innerType?: { _zod: { def: { element: unknown } } } })
    .innerType?._zod.def.element
  const info = settingInfo(element as Parameters<typeof settingInfo>[0])
  if (info.shape.type !== 'object') throw new Error('a rule is an object')
  return Object.fromEntries(info.shape.fields.map(([key, schema]) => [key, settingInfo(schema)]))
})()

function meta(field: keyof RewardRule): { title: string; help: string } {
  const info = ruleShape[field]
  return { title: info?.meta.title ?? field, help: info?.meta.description ?? '' }
}

export interface RuleContext {
  readonly catalog: WorkspaceCatalog | null
  readonly pools: readonly { pool: string; available: number }[]
  /** Tango Card's catalog as last read; null when not connected or not read yet. */
  readonly payoutCatalog?: readonly CatalogItem[] | null
}

/** One field of a rule row: label, control, help and error, shown only for the kinds it serves. */
function cell(
  index: string,
  field: keyof RewardRule,
  control: (id: string, aria: string) => Html,
  kinds?: readonly RewardRule['kind'][],
  current?: RewardRule['kind'],
  nth?: { readonly shown: boolean },
): Html {
  const path = `rewards.rules.${index}.${field}`
  const { title, help } = meta(field)
  const hidden = (kinds && current && !kinds.includes(current)) || (nth && !nth.shown)
  return html`<div
    class="field rule-${field}"
    ${kinds ? html`data-for-kinds="${kinds.join(' ')}"` : ''}
    ${nth ? html`data-for-nth` : ''}
    ${hidden ? html`hidden` : ''}
  >
    <label for="f-${path}">${title}</label>
    ${control(`f-${path}`, describedBy(path, help))} ${helpAndError(path, help)}
  </div>`
}

function amountText(rule: RewardRule | null): string {
  if (!rule || rule.amountMinor === null) return ''
  return majorUnits(rule.amountMinor, rule.currency ?? 'USD')
}

/** One reward rule as a row of controls (index "__i__" in the template for new rows). */
export function ruleRow(index: string, rule: RewardRule | null, ctx: RuleContext): Html {
  const p = (field: string) => `rewards.rules.${index}.${field}`
  const kind = rule?.kind ?? 'fixed'
  const number = index === '__i__' ? '' : String(Number(index) + 1)
  const select = (
    field: 'recipient' | 'kind' | 'payoutProvider' | 'payoutDelivery',
    values: readonly string[],
    value: string,
    id: string,
    aria: string,
  ) =>
    html`<select id="${id}" name="${p(field)}" data-kind="string" aria-describedby="${aria}">
      ${values.map(
        (v) =>
          html`<option value="${v}" ${v === value ? html`selected` : ''}>
            ${valueLabel(field, v)}
          </option>`,
      )}
    </select>`
  const nullableNumber =
    (field: keyof RewardRule, value: number | null, step = '1') =>
    (id: string, aria: string) =>
      html`<input
        type="number"
        id="${id}"
        name="${p(field)}"
        class="short"
        data-kind="nullable-number"
        step="${step}"
        min="0"
        value="${value === null ? '' : String(value)}"
        aria-describedby="${aria}"
      />`
  const pools = ctx.pools
  return html`<li class="rule" data-rule data-kind-selected="${kind}">
    <div class="rule-head">
      <h4 class="rule-title">Rule <span data-rule-number>${number}</span></h4>
      <button type="button" class="link danger" data-remove-rule>
        Remove<span class="sr-only"> rule <span data-rule-number>${number}</span></span>
      </button>
    </div>
    <input type="hidden" name="${p('id')}" data-kind="string" value="${rule?.id ?? ''}" />
    <div class="rule-grid">
      ${cell(index, 'recipient', (id, aria) =>
        select(
          'recipient',
          ['referrer', 'friend', 'both'],
          rule?.milestone !== null && rule?.milestone !== undefined
            ? 'referrer'
            : (rule?.recipient ?? 'referrer'),
          id,
          aria,
        ),
      )}
      ${cell(index, 'kind', (id, aria) =>
        select('kind', ['fixed', 'points', 'coupon', 'commission', 'payout'], kind, id, aria),
      )}
      ${cell(
        index,
        'amountMinor',
        (id, aria) =>
          html`<input
            type="text"
            inputmode="decimal"
            id="${id}"
            name="${p('amountMinor')}"
            class="short"
            data-kind="money"
            data-currency-from="${p('currency')}"
            value="${amountText(rule)}"
            placeholder="10.00"
            aria-describedby="${aria}"
          />`,
        ['fixed', 'payout'],
        kind,
      )}
      ${cell(
        index,
        'currency',
        (id, aria) =>
          html`<input
            type="text"
            id="${id}"
            name="${p('currency')}"
            class="tiny"
            data-kind="nullable-string"
            list="currency-codes"
            maxlength="3"
            autocapitalize="characters"
            autocomplete="off"
            value="${rule?.currency ?? ''}"
            placeholder="USD"
            aria-describedby="${aria}"
          />`,
        ['fixed', 'commission', 'payout'],
        kind,
      )}
      ${cell(
        index,
        'payoutProvider',
        (id, aria) =>
          select(
            'payoutProvider',
            ['tremendous', 'tango_card', 'paypal'],
            rule?.payoutProvider ?? 'tremendous',
            id,
            aria,
          ),
        ['payout'],
        kind,
      )}
      ${cell(
        index,
        'payoutProduct',
        (id, aria) =>
          html`<input
            type="text"
            id="${id}"
            name="${p('payoutProduct')}"
            data-kind="nullable-string"
            value="${rule?.payoutProduct ?? ''}"
            aria-describedby="${aria}"
          />`,
        ['payout'],
        kind,
      )}
      ${catalogPicker(
        index,
        ctx.payoutCatalog ?? null,
        rule?.payoutProduct ?? '',
        kind === 'payout' && rule?.payoutProvider === 'tango_card',
      )}
      ${cell(
        index,
        'payoutProductName',
        (id, aria) =>
          html`<input
            type="text"
            id="${id}"
            name="${p('payoutProductName')}"
            data-kind="nullable-string"
            value="${rule?.payoutProductName ?? ''}"
            placeholder="Amazon gift card"
            aria-describedby="${aria}"
          />`,
        ['payout'],
        kind,
      )}
      ${cell(
        index,
        'payoutDelivery',
        (id, aria) =>
          select('payoutDelivery', ['email', 'link'], rule?.payoutDelivery ?? 'email', id, aria),
        ['payout'],
        kind,
      )}
      ${cell(index, 'points', nullableNumber('points', rule?.points ?? null), ['points'], kind)}
      ${cell(
        index,
        'couponPool',
        (id, aria) =>
          choicePicker({
            id,
            name: p('couponPool'),
            describedBy: aria,
            value: rule?.couponPool ?? '',
            choices:
              pools.length > 0
                ? pools.map((x) => ({ value: x.pool, text: `${x.pool} (${x.available} left)` }))
                : null,
            emptyLabel: 'Choose a pool',
            missing: 'no codes uploaded',
            placeholder: 'No pools yet: name one, then upload codes',
          }),
        ['coupon'],
        kind,
      )}
      ${cell(
        index,
        'couponSource',
        (id, aria) =>
          html`<select
            id="${id}"
            name="${p('couponSource')}"
            data-kind="string"
            aria-describedby="${aria}"
          >
            ${(['codes', 'stripe'] as const).map(
              (v) =>
                html`<option
                  value="${v}"
                  ${v === (rule?.couponSource ?? 'codes') ? html`selected` : ''}
                >
                  ${ruleShape.couponSource?.meta.options?.[v] ?? v}
                </option>`,
            )}
          </select>`,
        ['coupon'],
        kind,
      )}
      ${cell(
        index,
        'percentOff',
        nullableNumber('percentOff', rule?.percentOff ?? null, 'any'),
        ['coupon'],
        kind,
      )}
      ${cell(
        index,
        'percent',
        nullableNumber('percent', rule?.percent ?? null, 'any'),
        ['commission'],
        kind,
      )}
      ${cell(
        index,
        'saleAttribute',
        (id, aria) =>
          attributePicker(ctx.catalog, {
            id,
            name: p('saleAttribute'),
            kind: 'nullable-string',
            describedBy: aria,
            form: 'full',
            value: rule?.saleAttribute ?? null,
            emptyLabel: 'Choose an attribute',
            placeholder: 'e.g. custom_attributes.sale_value',
          }),
        ['commission'],
        kind,
      )}
      <div class="field rule-when">
        <label for="f-${p('when')}">When</label>
        <select id="f-${p('when')}" data-when aria-describedby="help-${p('when')}">
          <option value="each" ${rule?.milestone ? '' : html`selected`}>
            Each qualified referral
          </option>
          <option value="nth" ${rule?.milestone ? html`selected` : ''}>
            Once, at the Nth qualified referral
          </option>
        </select>
        <p class="help" id="help-${p('when')}">
          Every time a friend qualifies, or once as a milestone (the referrer only).
        </p>
      </div>
      ${cell(
        index,
        'milestone',
        nullableNumber('milestone', rule?.milestone ?? null),
        undefined,
        undefined,
        { shown: Boolean(rule?.milestone) },
      )}
      ${cell(index, 'cap', nullableNumber('cap', rule?.cap ?? null))}
      ${cell(
        index,
        'description',
        (id, aria) =>
          html`<input
            type="text"
            id="${id}"
            name="${p('description')}"
            data-kind="nullable-string"
            value="${rule?.description ?? ''}"
            placeholder="e.g. $10 credit"
            aria-describedby="${aria}"
          />`,
      )}
    </div>
  </li>`
}

/**
 * The currencies a rule may use, searchable by code or name as the person types (the server
 * refuses anything else: currencyCodeSchema).
 */
function currencyList(): Html {
  return html`<datalist id="currency-codes">
    ${CURRENCY_CODES.map((code) => html`<option value="${code}">${currencyName(code)}</option>`)}
  </datalist>`
}

/** The reward-rule builder: a list of rows, a template for new ones and an "add" button. */
export function ruleBuilder(rules: readonly RewardRule[], ctx: RuleContext): Html {
  const info = settingInfo(campaignSettingsSchema.shape.rewards)
  const rulesMeta =
    info.shape.type === 'object'
      ? settingInfo(info.shape.fields.find(([k]) => k === 'rules')![1]).meta
      : {}
  return html`<fieldset class="rules" id="f-rewards.rules" tabindex="-1">
    <legend>${rulesMeta.title}</legend>
    ${helpAndError('rewards.rules', rulesMeta.description)}
    <ol class="rule-list" data-rules>
      ${rules.map((rule, i) => ruleRow(String(i), rule, ctx))}
    </ol>
    <p class="empty-rules" data-empty-rules ${rules.length > 0 ? html`hidden` : ''}>
      No reward rules yet: referrals are counted, nothing is given.
    </p>
    <template id="rule-template">${ruleRow('__i__', null, ctx)}</template>
    ${currencyList()}
    <button type="button" class="secondary" data-add-rule>+ Add a reward rule</button>
  </fieldset>`
}
