// The privacy page's erase form: confirmed by a checkbox, sent to the admin API as JSON, with
// the outcome announced in the status region (which takes focus, so keyboard users hear it).
'use strict'

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('erase-form')
  const status = document.getElementById('action-status')
  if (!form || !status) return
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const button = form.querySelector('button[type="submit"]')
    const confirm = document.getElementById('erase-confirm')
    if (!confirm.checked) {
      status.textContent = 'Tick "I understand this cannot be undone" first.'
      confirm.focus()
      return
    }
    button.disabled = true
    status.textContent = 'Erasing…'
    const reason = document.getElementById('erase-reason').value.trim()
    let answer = null
    try {
      const response = await fetch(form.dataset.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          'X-CSRF-Token':
            document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '',
        },
        body: JSON.stringify({
          participantId: form.dataset.participant,
          ...(reason ? { reason } : {}),
        }),
      })
      answer = { ok: response.ok, data: await response.json().catch(() => null) }
    } catch {
      answer = { ok: false, data: null }
    }
    if (answer.ok) {
      document.getElementById('person').replaceChildren()
      status.textContent =
        'Erased. Their referrals and rewards still count, with no name attached; their link no longer works.'
    } else {
      button.disabled = false
      status.textContent =
        answer.data?.error?.message ?? 'The erasure did not go through. Try again in a moment.'
    }
    status.focus()
  })
})
