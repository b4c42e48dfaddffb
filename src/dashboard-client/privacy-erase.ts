// The privacy page's erase form: confirmed by a checkbox, sent to the admin API as JSON, with
// the outcome announced in the status region (which takes focus, so keyboard users hear it).
import { api, messageOf } from './api.js'
import { byId } from './dom.js'

export function initEraseForm(form: HTMLFormElement, status: HTMLElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')
    const confirm = byId<HTMLInputElement>('erase-confirm')
    if (confirm && !confirm.checked) {
      status.textContent = 'Tick "I understand this cannot be undone" first.'
      confirm.focus()
      return
    }
    if (button) button.disabled = true
    status.textContent = 'Erasing…'
    const reason = byId<HTMLInputElement>('erase-reason')?.value.trim()
    const result = await api('POST', form.dataset.url ?? '', {
      participantId: form.dataset.participant,
      ...(reason ? { reason } : {}),
    })
    if (result.ok) {
      byId('person')?.replaceChildren()
      status.textContent =
        'Erased. Their referrals and rewards still count, with no name attached; their link no longer works.'
    } else {
      if (button) button.disabled = false
      status.textContent = messageOf(
        result,
        'The erasure did not go through. Try again in a moment.',
      )
    }
    status.focus()
  })
}
