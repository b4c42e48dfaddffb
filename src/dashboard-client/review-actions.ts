// Review actions on referrals and rewards, row by row. A decision that needs a reason asks for
// it in place.
import { statusTone, statusWords } from '../http/routes/admin-dashboard/status-words.js'
import { api, messageOf } from './api.js'
import { announce, closestFrom } from './dom.js'

export function showStatus(row: HTMLElement, status: string): void {
  const cell = row.querySelector('.status')
  if (!cell) return
  const badge = document.createElement('span')
  badge.className = 'status-badge ' + statusTone(status)
  badge.textContent = statusWords(status)
  cell.replaceChildren(badge)
}

async function runAction(button: HTMLButtonElement, reason?: string): Promise<boolean> {
  const row = button.closest('tr')
  button.disabled = true
  const result = await api<{ status: string }>(
    'POST',
    button.dataset.url ?? '',
    reason === undefined ? {} : { reason },
  )
  if (!result.ok || !result.data || !row) {
    button.disabled = false
    announce(messageOf(result, 'That did not work. Try again.'))
    return false
  }
  showStatus(row, result.data.status)
  const actions = row.querySelector('.actions')
  if (actions) actions.textContent = ''
  announce(
    (button.dataset.label ?? button.textContent ?? '').trim() +
      ': done (' +
      statusWords(result.data.status) +
      ').',
  )
  return true
}

function askReason(button: HTMLButtonElement): void {
  const cell = button.closest('.actions')
  const row = button.closest('tr')
  if (!cell || !row) return
  const id = 'reason-' + row.dataset.id
  cell.textContent = ''
  const label = document.createElement('label')
  label.htmlFor = id
  label.textContent = button.dataset.needsReason ?? 'Why?'
  const input = document.createElement('input')
  input.id = id
  input.required = true
  const confirm = document.createElement('button')
  confirm.type = 'button'
  confirm.textContent = 'Confirm ' + (button.textContent ?? '').trim().toLowerCase()
  confirm.dataset.url = button.dataset.url
  confirm.addEventListener('click', () => {
    if (!input.value.trim()) {
      input.setAttribute('aria-invalid', 'true')
      input.focus()
      return
    }
    void runAction(confirm, input.value.trim())
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      confirm.click()
    }
  })
  cell.append(label, ' ', input, ' ', confirm)
  input.focus()
}

export function initReviewActions(): void {
  document.addEventListener('click', (event) => {
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-action]')
    if (!button) return
    if (button.dataset.needsReason) askReason(button)
    else void runAction(button)
  })
}
