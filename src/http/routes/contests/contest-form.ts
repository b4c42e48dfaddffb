import { minorUnitDigits } from '../../../money/currencies.js'
import type { Campaign } from '../../../ledger/types.js'
import { contestInput, type ContestInput } from '../../../contests/contest-settings.js'
import { isTimeZone, localTimeToInstant } from '../../../contests/time-zone.js'
import { type Html, html } from '../admin-dashboard/html.js'
import { timeZoneOptions } from '../admin-dashboard/time-zones.js'

/** What the admin typed, as strings, so a refused form comes back exactly as it was. */
export type ContestForm = Record<string, string>

export const EMPTY_FORM: ContestForm = {
  name: '',
  campaignId: '',
  metric: 'qualified',
  startsAt: '',
  endsAt: '',
  timeZone: 'UTC',
  topN: '3',
  topKind: 'fixed',
  topAmount: '',
  topCurrency: 'USD',
  topPoints: '',
  topPool: '',
  threshold: '',
  thresholdKind: 'none',
  thresholdAmount: '',
  thresholdCurrency: 'USD',
  thresholdPoints: '',
  thresholdPool: '',
}

export function formOf(body: unknown): ContestForm {
  const raw = (body ?? {}) as Record<string, unknown>
  const form: ContestForm = {}
  for (const key of Object.keys(EMPTY_FORM))
    // A NUL can never be stored in PostgreSQL text: dropped here rather than refused there.
    form[key] =
      typeof raw[key] === 'string'
        ? (raw[key] as string).replaceAll('\u0000', '').slice(0, 300)
        : ''
  return form
}

const whole = (text: string): number | null => {
  const trimmed = text.trim()
  if (!trimmed) return null
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** "50" or "49.99" in a currency's major units → minor units; NaN when it is not an amount. */
function minorOf(amount: string, currency: string): number | null {
  const trimmed = amount.trim().replace(',', '.')
  if (!trimmed) return null
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return Number.NaN
  const code = /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : 'USD'
  return Math.round(Number(trimmed) * 10 ** minorUnitDigits(code))
}

function prizeOf(form: ContestForm, prefix: 'top' | 'threshold') {
  const kind = form[`${prefix}Kind`]
  if (kind !== 'fixed' && kind !== 'points' && kind !== 'coupon') return null
  return {
    kind,
    amountMinor:
      kind === 'fixed'
        ? minorOf(form[`${prefix}Amount`] ?? '', form[`${prefix}Currency`] ?? '')
        : null,
    currency: kind === 'fixed' ? (form[`${prefix}Currency`] ?? '').trim() || null : null,
    points: kind === 'points' ? whole(form[`${prefix}Points`] ?? '') : null,
    couponPool: kind === 'coupon' ? (form[`${prefix}Pool`] ?? '').trim() || null : null,
  }
}

/** Field name in the form for each path zod reports. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, second] = path.map(String)
  if (head === 'topPrize' || head === 'thresholdPrize') {
    const prefix = head === 'topPrize' ? 'top' : 'threshold'
    const map: Record<string, string> = {
      amountMinor: 'Amount',
      currency: 'Currency',
      points: 'Points',
      couponPool: 'Pool',
    }
    return `${prefix}${second ? (map[second] ?? 'Kind') : 'Kind'}`
  }
  return head ?? 'name'
}

/** The typed contest, or every problem at once, each keyed by the field it belongs beside. */
export function parseContestForm(
  form: ContestForm,
): { ok: true; input: ContestInput } | { ok: false; errors: Record<string, string> } {
  const topN = whole(form.topN ?? '')
  const parsed = contestInput.safeParse({
    name: form.name,
    campaignId: form.campaignId,
    metric: form.metric,
    startsAt: form.startsAt,
    endsAt: form.endsAt,
    timeZone: form.timeZone,
    topN: topN ?? 0,
    topPrize: (topN ?? 0) > 0 ? prizeOf(form, 'top') : null,
    threshold: whole(form.threshold ?? ''),
    thresholdPrize: prizeOf(form, 'threshold'),
  })
  if (parsed.success) return { ok: true, input: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path)
    errors[field] ??= friendly(field, issue.message)
  }
  // zod checks the period only once every field parses: check it here too, so every problem is
  // said in one round.
  const startsAt = localTimeToInstant(form.startsAt?.trim() ?? '', form.timeZone?.trim() ?? '')
  const endsAt = localTimeToInstant(form.endsAt?.trim() ?? '', form.timeZone?.trim() ?? '')
  if (!startsAt && isTimeZone(form.timeZone?.trim() ?? ''))
    errors.startsAt ??= 'Enter a date and time.'
  if (!endsAt && isTimeZone(form.timeZone?.trim() ?? '')) errors.endsAt ??= 'Enter a date and time.'
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt ??= 'The end must be after the start.'
  return { ok: false, errors }
}

// zod's own words for a wrong type are not a marketer's: say what to enter instead.
function friendly(field: string, message: string): string {
  if (/expected|Invalid input|received/i.test(message)) {
    if (field.endsWith('Amount')) return 'Enter an amount, e.g. 50 or 49.99.'
    if (field.endsWith('Points')) return 'Enter a whole number of points.'
    if (field === 'topN') return 'Enter how many top places win, 0 to 100.'
    if (field === 'threshold') return 'Enter a whole number of friends, or leave it empty.'
    return 'Check this value.'
  }
  return message
}

const PRIZE_KINDS = [
  ['fixed', 'An amount of money'],
  ['points', 'Points'],
  ['coupon', 'A coupon from a pool'],
] as const

function field(
  id: string,
  label: string,
  control: Html,
  errors: Record<string, string>,
  help?: string,
): Html {
  const error = errors[id]
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${control} ${help ? html`<p class="help" id="${id}-help">${help}</p>` : ''}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
  </div>`
}

function described(id: string, errors: Record<string, string>, help: boolean): Html {
  const ids = [help ? `${id}-help` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ')
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${errors[id] ? html` aria-invalid="true"` : ''}`
}

function textInput(
  id: string,
  form: ContestForm,
  errors: Record<string, string>,
  attrs: { type?: string; help?: boolean; inputmode?: string; className?: string } = {},
): Html {
  return html`<input
    id="${id}"
    name="${id}"
    type="${attrs.type ?? 'text'}"
    value="${form[id] ?? ''}"
    ${attrs.inputmode ? html`inputmode="${attrs.inputmode}"` : ''}
    ${attrs.className ? html`class="${attrs.className}"` : ''}
    ${described(id, errors, attrs.help === true)}
  />`
}

function prizeFields(
  prefix: 'top' | 'threshold',
  legend: string,
  form: ContestForm,
  errors: Record<string, string>,
  allowNone: boolean,
): Html {
  const kind = `${prefix}Kind`
  const options = allowNone ? [['none', 'No prize'] as const, ...PRIZE_KINDS] : PRIZE_KINDS
  return html`<fieldset>
    <legend>${legend}</legend>
    ${field(
      kind,
      'Prize',
      html`<select id="${kind}" name="${kind}" ${described(kind, errors, false)}>
        ${options.map(
          ([value, label]) =>
            html`<option value="${value}" ${form[kind] === value ? html`selected` : ''}>
              ${label}
            </option>`,
        )}
      </select>`,
      errors,
    )}
    ${field(`${prefix}Amount`, 'Amount (for money)', textInput(`${prefix}Amount`, form, errors, { inputmode: 'decimal', className: 'short' }), errors)}
    ${field(`${prefix}Currency`, 'Currency (for money)', textInput(`${prefix}Currency`, form, errors, { className: 'tiny' }), errors)}
    ${field(`${prefix}Points`, 'Points (for points)', textInput(`${prefix}Points`, form, errors, { inputmode: 'numeric', className: 'short' }), errors)}
    ${field(`${prefix}Pool`, 'Coupon pool (for a coupon)', textInput(`${prefix}Pool`, form, errors), errors)}
  </fieldset>`
}

/** The contest set-up form: plain HTML, every field labelled, errors beside their fields. */
export function contestFormBody(
  base: string,
  campaigns: readonly Campaign[],
  form: ContestForm,
  errors: Record<string, string>,
): Html {
  const problems = Object.entries(errors)
  return html`${
      problems.length > 0
        ? html`<div class="error-summary" role="alert" tabindex="-1" id="problems">
            <p>
              <strong
                >The contest was not saved:
                ${problems.length === 1 ? 'one field needs' : `${problems.length} fields need`} a
                change.</strong
              >
            </p>
            <ul>
              ${problems.map(([id, message]) => html`<li><a href="#${id}">${message}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="${base}/contests" class="settings" novalidate>
      ${field('name', 'Contest name', textInput('name', form, errors, { help: true }), errors, 'Referrers see it on the leaderboard, e.g. "December sprint".')}
      ${field(
        'campaignId',
        'Campaign',
        html`<select id="campaignId" name="campaignId" ${described('campaignId', errors, false)}>
          ${campaigns.map(
            (c) =>
              html`<option
                value="${c.id}"
                ${form.campaignId === c.id || (!form.campaignId && c.isDefault) ? html`selected` : ''}
              >
                ${c.name}
              </option>`,
          )}
        </select>`,
        errors,
      )}
      <fieldset>
        <legend>Ranked by</legend>
        ${[
          ['qualified', 'Friends who converted (qualified referrals)'],
          ['joined', 'Friends who joined'],
        ].map(
          ([value, label]) =>
            html`<div class="field check">
              <input
                type="radio"
                id="metric-${value}"
                name="metric"
                value="${value}"
                ${form.metric === value ? html`checked` : ''}
              />
              <label for="metric-${value}">${label}</label>
            </div>`,
        )}
        <p class="help">
          Referrals later rejected, reversed or held as suspected fraud drop out of the ranking. A
          tie goes to whoever got there first.
        </p>
      </fieldset>
      <fieldset>
        <legend>Period</legend>
        ${field('startsAt', 'Starts', textInput('startsAt', form, errors, { type: 'datetime-local' }), errors)}
        ${field('endsAt', 'Ends', textInput('endsAt', form, errors, { type: 'datetime-local', help: true }), errors, 'The results freeze at this moment in the time zone below.')}
        ${field(
          'timeZone',
          'Time zone',
          html`<select id="timeZone" name="timeZone" ${described('timeZone', errors, false)}>
            ${timeZoneOptions(form.timeZone ?? '')}
          </select>`,
          errors,
        )}
      </fieldset>
      ${field('topN', 'Prize places', textInput('topN', form, errors, { inputmode: 'numeric', className: 'short', help: true }), errors, 'How many of the top referrers win the prize below; 0 for none.')}
      ${prizeFields('top', 'Prize for each top place', form, errors, false)}
      ${field('threshold', 'Everyone who reaches (friends)', textInput('threshold', form, errors, { inputmode: 'numeric', className: 'short', help: true }), errors, 'Optional: everyone past this number wins the prize below, whatever their place.')}
      ${prizeFields('threshold', 'Prize for everyone past the threshold', form, errors, true)}
      <p class="help">
        Prizes are rewards of the campaign: they wait in Reward review when the campaign approves
        rewards by hand.
      </p>
      <p><button type="submit">Create the contest</button></p>
    </form>`
}
