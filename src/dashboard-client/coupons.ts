// The coupon codes page: codes pasted or read from a CSV file, checked with the API's own schema
// for the mistakes a person can fix at once (no pool name, no codes), then sent to its upload route.
import { couponCodes, couponPoolName } from '../http/routes/admin-api/coupon-schemas.js'
import { api, messageOf } from './api.js'
import { byId } from './dom.js'

interface UploadAnswer {
  readonly added: number
  readonly skipped: number
  readonly status: { readonly pool: string; readonly available: number }
}

type Errors = Partial<Record<'pool' | 'codes', string>>

/** The first column of each CSV row; quotes removed, blank rows and a "code" header skipped. */
function codesFromCsv(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const first = /^\s*"((?:[^"]|"")*)"|^([^,;\t]*)/.exec(line)
      return (
        (first && (first[1] !== undefined ? first[1].replace(/""/g, '"') : first[2])) ||
        ''
      ).trim()
    })
    .filter((code, index) => code !== '' && !(index === 0 && /^codes?$/i.test(code)))
}

export function initCouponUpload(form: HTMLFormElement): void {
  const status = byId('coupon-status')
  const summary = byId('coupon-errors')
  const pool = byId<HTMLInputElement>('coupon-pool')
  const codes = byId<HTMLTextAreaElement>('coupon-codes')
  const file = byId<HTMLInputElement>('coupon-file')
  if (!status || !summary || !pool || !codes || !file) return

  function showErrors(errors: Errors): void {
    for (const [key, control] of [
      ['pool', pool],
      ['codes', codes],
    ] as const) {
      const line = byId(`coupon-${key}-error`)
      const message = errors[key]
      if (line) {
        line.hidden = !message
        line.textContent = message ?? ''
      }
      control?.toggleAttribute('aria-invalid', Boolean(message))
    }
    const messages = Object.values(errors)
    summary!.hidden = messages.length === 0
    summary!.textContent = messages.length ? `Please fix: ${messages.join(' ')}` : ''
    if (messages.length) (errors.pool ? pool : codes)?.focus()
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const errors: Errors = {}
    const name = couponPoolName.safeParse(pool.value)
    if (!name.success) errors.pool = name.error.issues[0]?.message
    let list = codes.value
      .split(/\r?\n/)
      .map((code) => code.trim())
      .filter(Boolean)
    const chosen = file.files?.[0]
    if (chosen) list = list.concat(codesFromCsv(await chosen.text()))
    const checked = couponCodes.safeParse(list)
    if (!checked.success) errors.codes = checked.error.issues[0]?.message
    showErrors(errors)
    if (!name.success || !checked.success) return
    status.textContent = 'Adding codes…'
    const answer = await api<UploadAnswer>(
      'POST',
      `${form.dataset.api}/${encodeURIComponent(name.data)}/codes`,
      { campaignId: form.dataset.campaign, codes: checked.data },
    )
    if (!answer.ok || !answer.data) {
      status.textContent = ''
      showErrors({ codes: messageOf(answer, 'The codes were not added. Try again.') })
      return
    }
    const { added, skipped, status: pooled } = answer.data
    const repeated = skipped ? ` ${skipped} were already there or repeated.` : ''
    const url = new URL(window.location.href)
    url.searchParams.set(
      'added',
      `Added ${added} codes to ${pooled.pool}.${repeated} ${pooled.available} left to give out.`,
    )
    window.location.assign(url.toString())
  })
}
