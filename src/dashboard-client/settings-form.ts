// The campaign settings form: read every control into the settings the API takes, check them with
// the very schema the server uses (so every mistake shows in one round), then save.
import { campaignName } from '../ledger/campaign-name.js'
import { campaignSettingsInputSchema, settingIssueMessage } from '../ledger/campaign-settings.js'
import { api, type FieldProblem } from './api.js'
import { byId } from './dom.js'
import { clearErrors, showErrors } from './field-errors.js'

type Control = HTMLInputElement & { dataset: DOMStringMap }
type Settings = Record<string, unknown>

function setPath(target: Settings, path: string, value: unknown): void {
  const keys = path.split('.')
  let node: Record<string, unknown> = target
  keys.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(keys[i + 1] ?? '')
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = nextIsIndex ? [] : {}
    node = node[key] as Record<string, unknown>
  })
  node[keys[keys.length - 1]!] = value
}

function currencyDigits(currency: string | undefined): number {
  try {
    return (
      new Intl.NumberFormat('en', {
        style: 'currency',
        currency: currency || 'USD',
      }).resolvedOptions().maximumFractionDigits ?? 2
    )
  } catch {
    return 2
  }
}

type Read = { value: unknown; error?: undefined } | { error: string; value?: undefined }

/** A control's value for the settings, or the words for what cannot even be read. */
export function readControl(control: Control, form: HTMLFormElement): Read {
  const kind = control.dataset.kind
  const raw = control.value ?? ''
  if (control.closest('[hidden]')) return { value: null }
  if (kind === 'bool') return { value: control.checked }
  if (kind === 'number') {
    if (raw.trim() === '') return { error: 'Enter a number.' }
    return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: 'Enter a number.' }
  }
  if (kind === 'nullable-number') {
    if (raw.trim() === '') return { value: null }
    return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: 'Enter a number.' }
  }
  if (kind === 'nullable-string') return { value: raw.trim() === '' ? null : raw }
  if (kind === 'money') {
    const text = raw.trim().replace(/,/g, '')
    if (text === '') return { value: null }
    if (!/^\d+(\.\d+)?$/.test(text)) return { error: 'Enter an amount like 10 or 10.50.' }
    const currencyControl = form.querySelector<HTMLInputElement>(
      `[name="${CSS.escape(control.dataset.currencyFrom ?? '')}"]`,
    )
    const digits = currencyDigits(currencyControl?.value.trim().toUpperCase())
    return { value: Math.round(Number(text) * Math.pow(10, digits)) }
  }
  if (kind === 'lines')
    return {
      value: raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    }
  if (kind === 'checks')
    return {
      value: Array.from(
        control.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked'),
      ).map((box) => box.value),
    }
  return { value: raw }
}

/** The map settings: each row's key and value (a typed value keeps numbers and booleans). */
function readMaps(form: HTMLFormElement, settings: Settings): void {
  for (const map of form.querySelectorAll<HTMLElement>('[data-map]')) {
    const value: Record<string, unknown> = {}
    for (const row of map.querySelectorAll('[data-map-rows] [data-map-row]')) {
      const key = row.querySelector<HTMLInputElement>('[data-map-key]')?.value.trim()
      let item: unknown = row.querySelector<HTMLInputElement>('[data-map-value]')?.value.trim()
      if (!key) continue
      if (map.hasAttribute('data-map-scalars') && typeof item === 'string') {
        if (item === 'true' || item === 'false') item = item === 'true'
        else if (/^-?\d+(\.\d+)?$/.test(item)) item = Number(item)
      }
      value[key] = item
    }
    setPath(settings, map.dataset.map ?? '', value)
  }
}

export interface Collected {
  readonly body: { name?: unknown; version?: number; status?: string; settings: Settings }
  /** Fields that could not be read at all (a word where a number goes). */
  readonly local: FieldProblem[]
}

/** The whole form as { name, version, settings }, and the fields that cannot be read. */
export function collect(form: HTMLFormElement): Collected {
  const body: Collected['body'] & { settings: Settings } = { settings: {} }
  const local: FieldProblem[] = []
  for (const control of form.querySelectorAll<Control>('[data-kind]')) {
    if (control.closest('template')) continue
    const name = control.name || control.dataset.name || ''
    const read = readControl(control, form)
    if (read.error !== undefined) local.push({ path: 'settings.' + name, message: read.error })
    else if (name === 'name') body.name = read.value
    else if (read.value !== undefined) setPath(body.settings, name, read.value)
  }
  readMaps(form, body.settings)
  const rewards = body.settings.rewards as { rules?: unknown[] } | undefined
  if (rewards && Array.isArray(rewards.rules)) rewards.rules = rewards.rules.filter(Boolean)
  const version = byId<HTMLInputElement>('f-version')
  if (version) body.version = Number(version.value)
  // The last set-up step of a campaign that is not live yet: saving also makes it live.
  const goLive = form.querySelector<HTMLInputElement>('[data-go-live]')
  if (goLive?.value) body.status = goLive.value
  return { body, local }
}

/**
 * Everything wrong with the form, found here: unreadable fields, then whatever the server's own
 * settings schema refuses (in the same words the server would use), each field once.
 */
export function problemsOf(collected: Collected): FieldProblem[] {
  const problems = [...collected.local]
  const seen = new Set(problems.map((p) => p.path))
  if (collected.body.name !== undefined) {
    const named = campaignName.safeParse(collected.body.name)
    if (!named.success)
      problems.unshift({ path: 'name', message: named.error.issues[0]?.message ?? '' })
  }
  const checked = campaignSettingsInputSchema.safeParse(collected.body.settings, {
    error: settingIssueMessage,
  })
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const path = ['settings', ...issue.path].join('.')
      if (seen.has(path)) continue
      seen.add(path)
      problems.push({ path, message: issue.message })
    }
  return problems
}

export function initSettingsForm(form: HTMLFormElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    clearErrors(form)
    const status = byId('form-status')
    const collected = collect(form)
    const problems = problemsOf(collected)
    if (problems.length) {
      if (status) status.textContent = ''
      showErrors(form, problems)
      return
    }
    if (status) status.textContent = 'Saving…'
    const result = await api<{ version: number; status: string }>(
      'PATCH',
      form.dataset.api ?? '',
      collected.body,
    )
    if (result.ok && result.data) {
      const version = byId<HTMLInputElement>('f-version')
      if (version) version.value = String(result.data.version)
      const goLive = form.querySelector<HTMLInputElement>('[data-go-live]')
      const wentLive = Boolean(goLive?.value) && result.data.status === 'active'
      if (goLive && wentLive) {
        goLive.value = ''
        const submit = form.querySelector('button[type=submit]')
        if (submit) submit.textContent = 'Save changes'
      }
      if (status) status.textContent = wentLive ? 'Saved. The campaign is live.' : 'Saved.'
      return
    }
    if (status) status.textContent = ''
    const error = result.error
    if (result.status === 409) {
      if (status) status.textContent = error.message
      showErrors(form, [{ path: '(form)', message: error.message }])
      return
    }
    showErrors(
      form,
      error.fields?.length ? error.fields : [{ path: '(form)', message: error.message }],
    )
  })
}
