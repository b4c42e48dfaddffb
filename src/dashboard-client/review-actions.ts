// Review actions on referrals and rewards: one row at a time, or the rows ticked (bulk). A
// decision that needs a reason asks for it in place.
import { statusTone, statusWords } from '../http/routes/admin-dashboard/status-words.js'
import { api, messageOf } from './api.js'
import { announce, closestFrom } from './dom.js'

function showStatus(row: HTMLElement, status: string): void {
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
  const box = row.querySelector<HTMLInputElement>('input[data-select-row]')
  if (box) box.remove()
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

/** The bulk bar above a list: applies one action to every ticked row that allows it. */
async function runBulk(bar: HTMLElement, action: string): Promise<void> {
  const table = document.getElementById(bar.dataset.bulkFor ?? '')
  if (!table) return
  const rows = Array.from(
    table.querySelectorAll<HTMLInputElement>('input[data-select-row]:checked'),
  )
  const reasonBox = bar.querySelector<HTMLInputElement>('input[data-bulk-reason]')
  const reason = reasonBox?.value.trim() ?? ''
  const buttons = rows
    .map((box) =>
      box.closest('tr')?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`),
    )
    .filter((b): b is HTMLButtonElement => Boolean(b))
  if (!rows.length) return announce('Tick the rows first.')
  const needsReason = buttons.some((b) => b.dataset.needsReason)
  if (needsReason && !reason) {
    reasonBox?.setAttribute('aria-invalid', 'true')
    reasonBox?.focus()
    return announce('Give a reason first: it is kept with each decision.')
  }
  let done = 0
  for (const button of buttons)
    if (await runAction(button, button.dataset.needsReason ? reason : undefined)) done += 1
  const skipped = rows.length - buttons.length
  announce(
    `${done} of ${rows.length} done.` +
      (skipped ? ` ${skipped} could not take this action in their status.` : ''),
  )
}

export function initReviewActions(): void {
  document.addEventListener('click', (event) => {
    const bulk = closestFrom<HTMLButtonElement>(event, 'button[data-bulk-action]')
    if (bulk) {
      const bar = bulk.closest<HTMLElement>('[data-bulk-for]')
      if (bar) void runBulk(bar, bulk.dataset.bulkAction ?? '')
      return
    }
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-action]')
    if (!button) return
    if (button.dataset.needsReason) askReason(button)
    else void runAction(button)
  })
  document.addEventListener('change', (event) => {
    const all = event.target
    if (!(all instanceof HTMLInputElement) || !all.hasAttribute('data-select-all')) return
    const table = all.closest('table')
    for (const box of table?.querySelectorAll<HTMLInputElement>('input[data-select-row]') ?? [])
      box.checked = all.checked
  })
}
