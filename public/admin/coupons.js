/* global FileReader */
// The coupon codes page: codes pasted or read from a CSV file, checked here for the mistakes a
// person can fix at once (no pool name, no codes), then sent to the admin API's upload route.
'use strict'

/** The first column of each CSV row; quotes removed, blank rows and a "code" header skipped. */
function codesFromCsv(text) {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const first = line.match(/^\s*"((?:[^"]|"")*)"|^([^,;\t]*)/)
      return (
        (first && (first[1] !== undefined ? first[1].replace(/""/g, '"') : first[2])) ||
        ''
      ).trim()
    })
    .filter((code, index) => code !== '' && !(index === 0 && /^codes?$/i.test(code)))
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result || ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(file)
  })
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('coupon-upload')
  if (!form) return
  const status = document.getElementById('coupon-status')
  const summary = document.getElementById('coupon-errors')
  const pool = document.getElementById('coupon-pool')
  const codes = document.getElementById('coupon-codes')
  const file = document.getElementById('coupon-file')

  function showErrors(errors) {
    for (const [id, control] of [
      ['coupon-pool-error', pool],
      ['coupon-codes-error', codes],
    ]) {
      const line = document.getElementById(id)
      const message = errors[control.name]
      line.hidden = !message
      line.textContent = message || ''
      control.toggleAttribute('aria-invalid', Boolean(message))
    }
    const messages = Object.values(errors)
    summary.hidden = messages.length === 0
    summary.textContent = messages.length ? `Please fix: ${messages.join(' ')}` : ''
    if (messages.length) (errors.pool ? pool : codes).focus()
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const errors = {}
    const name = pool.value.trim()
    if (!name) errors.pool = 'Give the pool a name.'
    else if (!/^[\w.-]{1,64}$/.test(name))
      errors.pool = 'Use up to 64 letters, digits, _ . or - in the pool name.'
    let list = codes.value
      .split(/\r?\n/)
      .map((code) => code.trim())
      .filter(Boolean)
    if (file.files && file.files[0]) list = list.concat(codesFromCsv(await readFile(file.files[0])))
    if (list.length === 0) errors.codes = 'Paste at least one code, or choose a CSV file.'
    else if (list.some((code) => code.length > 200))
      errors.codes = 'A code is longer than 200 characters: is the file a list of codes?'
    showErrors(errors)
    if (Object.keys(errors).length) return
    status.textContent = 'Adding codes…'
    const response = await fetch(`${form.dataset.api}/${encodeURIComponent(name)}/codes`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        // The page's CSRF token (a cookie-authenticated change needs it: docs/security.md).
        'X-CSRF-Token':
          document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '',
      },
      body: JSON.stringify({ campaignId: form.dataset.campaign, codes: list }),
    })
    const data = await response.json().catch(() => null)
    if (!response.ok) {
      status.textContent = ''
      showErrors({
        codes: (data && data.error && data.error.message) || 'The codes were not added. Try again.',
      })
      return
    }
    const skipped = data.skipped ? ` ${data.skipped} were already there or repeated.` : ''
    const url = new URL(window.location.href)
    url.searchParams.set(
      'added',
      `Added ${data.added} codes to ${data.status.pool}.${skipped} ${data.status.available} left to give out.`,
    )
    window.location.assign(url.toString())
  })
})
