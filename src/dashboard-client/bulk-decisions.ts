// Bulk decisions on a review list: the row checkboxes, "select all on this page", and the bar
// that decides the selection in one request after a confirmation, then redraws each row it
// changed and says the outcome in words ("2 approved, 1 skipped because already decided.").
import { api, messageOf } from './api.js'
import { ask } from './confirm.js'
import { announce, announceAndFocus, byId } from './dom.js'
import { showStatus } from './review-actions.js'

interface BulkOutcome {
  readonly id: string
  readonly outcome: 'done' | 'skipped' | 'not_found' | 'refused'
  readonly status: string | null
  readonly message: string | null
}

function boxes(table: HTMLElement): HTMLInputElement[] {
  return [...table.querySelectorAll<HTMLInputElement>('input[name="selected"]')]
}

function countWords(n: number, nouns: string): string {
  const noun = n === 1 ? nouns.replace(/s$/, '') : nouns
  return n === 0
    ? `Select ${nouns} with the boxes to decide them at once.`
    : `${n} ${noun} selected.`
}

function initBar(bar: HTMLFormElement): void {
  const table = byId(bar.dataset.bulkTable ?? '')
  if (!table) return
  const nouns = bar.dataset.nouns ?? 'items'
  const count = bar.querySelector<HTMLElement>('.bulk-count')
  const reason = bar.querySelector<HTMLInputElement>('input[name="reason"]')
  const all = table.querySelector<HTMLInputElement>('input[data-select-all]')

  const refresh = () => {
    const list = boxes(table)
    const chosen = list.filter((b) => b.checked).length
    if (count) count.textContent = countWords(chosen, nouns)
    if (all) {
      all.checked = list.length > 0 && chosen === list.length
      all.indeterminate = chosen > 0 && chosen < list.length
      all.disabled = list.length === 0
    }
  }
  table.addEventListener('change', (event) => {
    if (event.target === all && all) for (const box of boxes(table)) box.checked = all.checked
    refresh()
  })
  // Enter in the reason field must not submit the bar as a form.
  bar.addEventListener('submit', (event) => event.preventDefault())

  bar.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
      'button[data-bulk-action]',
    )
    if (!button) return
    const chosen = boxes(table).filter((b) => b.checked)
    if (chosen.length === 0) {
      announce(`Select at least one of the ${nouns} first.`)
      boxes(table)[0]?.focus()
      return
    }
    const why = reason?.value.trim() ?? ''
    if (button.dataset.needsReason && !why) {
      reason?.setAttribute('aria-invalid', 'true')
      announce(`Say why in “Reason” first: it is kept with each decision.`)
      reason?.focus()
      return
    }
    reason?.removeAttribute('aria-invalid')
    const label = button.dataset.label ?? 'Decide'
    const noun = chosen.length === 1 ? nouns.replace(/s$/, '') : nouns
    const question =
      `${label} ${chosen.length} ${noun}?` +
      (button.dataset.needsReason ? ` The reason “${why}” is kept with each.` : '') +
      ' Those already decided are left as they are.'
    void ask(question, `${label} ${chosen.length}`).then(async (yes) => {
      if (!yes) {
        button.focus()
        return
      }
      for (const b of bar.querySelectorAll('button')) b.disabled = true
      const result = await api<{ results: BulkOutcome[]; summary: string }>(
        'POST',
        bar.dataset.url ?? '',
        {
          action: button.dataset.bulkAction,
          ids: chosen.map((b) => b.value),
          ...(why ? { reason: why } : {}),
        },
      )
      for (const b of bar.querySelectorAll('button')) b.disabled = false
      if (!result.ok || !result.data) {
        announce(messageOf(result, 'That did not work. Try again.'))
        button.focus()
        return
      }
      for (const item of result.data.results) {
        const row = table.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(item.id)}"]`)
        if (!row) continue
        if (item.status) showStatus(row, item.status)
        if (item.message) {
          const note = document.createElement('small')
          note.className = 'failure-reason'
          note.textContent = item.message
          row.querySelector('.status')?.append(document.createElement('br'), note)
        }
        if (item.status !== 'pending') {
          row.querySelector('.actions')?.replaceChildren()
          row.querySelector('td.select')?.replaceChildren()
        }
      }
      refresh()
      announceAndFocus(result.data.summary)
    })
  })
  refresh()
}

export function initBulkDecisions(): void {
  for (const bar of document.querySelectorAll<HTMLFormElement>('form.bulk-bar')) initBar(bar)
}
