// Errors beside their fields: each message under its control, a linked summary at the top, focus
// on the first. Used by every form of the dashboard, whether the problem was found here or by the
// server.
import type { FieldProblem } from './api.js'
import { byId } from './dom.js'

export function clearErrors(form: HTMLElement): void {
  for (const node of form.querySelectorAll<HTMLElement>('.field-error')) {
    node.hidden = true
    node.textContent = ''
  }
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid')
  const summary = byId('form-errors')
  if (summary) {
    summary.hidden = true
    summary.textContent = ''
  }
}

interface Found {
  readonly control: HTMLElement | null
  readonly path: string
}

/** The control a field path names: by id, a map row by its key, else the nearest section. */
function controlFor(form: HTMLElement, path: string): Found {
  let current = path
  for (;;) {
    const control = byId('f-' + current)
    if (control) return { control, path: current }
    const cut = current.lastIndexOf('.')
    if (cut < 0) return { control: null, path: current }
    const parent = current.slice(0, cut)
    const map = form.querySelector(`[data-map="${CSS.escape(parent)}"]`)
    if (map) {
      const key = current.slice(cut + 1)
      for (const row of map.querySelectorAll('[data-map-rows] [data-map-row]')) {
        const keyBox = row.querySelector<HTMLInputElement>('[data-map-key]')
        if (keyBox?.value.trim() === key) {
          const value = row.querySelector<HTMLElement>('[data-map-value]')
          if (value) return { control: value, path: value.id.replace(/^f-/, '') }
        }
      }
    }
    current = parent
  }
}

function fieldLabel(control: HTMLElement | null): string {
  if (!control) return ''
  const labels = (control as HTMLInputElement).labels
  const label = labels?.[0]
  if (label) return (label.textContent ?? '').trim()
  const legend = control.querySelector('legend')
  return legend ? (legend.textContent ?? '').trim() : ''
}

/** Every problem at once: under its control and in the summary; focus on the page's first. */
export function showErrors(form: HTMLElement, fields: readonly FieldProblem[]): void {
  const summary = byId('form-errors')
  const list = document.createElement('ul')
  let first: HTMLElement | null = null
  for (const field of fields) {
    const found = controlFor(form, field.path.replace(/^(settings|body)\./, ''))
    const error = found.control ? byId('err-' + found.path) : null
    if (found.control && error) {
      error.textContent = (error.textContent ? error.textContent + ' ' : '') + field.message
      error.hidden = false
      found.control.setAttribute('aria-invalid', 'true')
      const earlier =
        first === null ||
        Boolean(first.compareDocumentPosition(found.control) & Node.DOCUMENT_POSITION_PRECEDING)
      if (earlier) first = found.control
    }
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.href = '#' + (found.control ? found.control.id : 'form-errors')
    const label = fieldLabel(found.control)
    link.textContent = (label ? label + ': ' : '') + field.message
    item.appendChild(link)
    list.appendChild(item)
  }
  if (summary) {
    summary.textContent =
      'Nothing was saved. Please fix ' +
      (fields.length === 1 ? 'this field:' : 'these ' + fields.length + ' fields:')
    summary.appendChild(list)
    summary.hidden = false
  }
  ;(first ?? summary)?.focus()
}
