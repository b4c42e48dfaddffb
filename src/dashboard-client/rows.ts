// Rows the editor adds and removes: reward rules and the key/value rows of map settings.
import { byId, closestFrom } from './dom.js'
import { readControl } from './settings-form.js'

let ruleSerial = 0

function newRuleId(): string {
  ruleSerial += 1
  return 'rule-' + Date.now().toString(36) + '-' + ruleSerial
}

const NUMBERED = ['name', 'id', 'for', 'aria-describedby'] as const

/** Rows carry their index in names and ids; after an add or a removal they are numbered again. */
function renumberRules(list: HTMLElement): void {
  Array.from(list.children).forEach((row, index) => {
    for (const node of row.querySelectorAll('[name],[id],[for],[aria-describedby]')) {
      for (const attribute of NUMBERED) {
        const value = node.getAttribute(attribute)
        if (value)
          node.setAttribute(
            attribute,
            value.replace(/rules\.(\d+|__i__)\./g, 'rules.' + index + '.'),
          )
      }
    }
    for (const number of row.querySelectorAll('[data-rule-number]'))
      number.textContent = String(index + 1)
  })
  const empty = list.parentElement?.querySelector<HTMLElement>('[data-empty-rules]')
  if (empty) empty.hidden = list.children.length > 0
}

function renumberRows(map: HTMLElement): void {
  const rows = map.querySelectorAll('[data-map-rows] [data-map-row]')
  const prefix = (map.dataset.map ?? '') + '.'
  Array.from(rows).forEach((row, index) => {
    for (const node of row.querySelectorAll('[id],[for]')) {
      for (const attribute of ['id', 'for']) {
        const value = node.getAttribute(attribute)
        const at = value ? value.indexOf(prefix) : -1
        if (!value || at < 0) continue
        const rest = value.slice(at + prefix.length)
        node.setAttribute(
          attribute,
          value.slice(0, at) + prefix + index + rest.slice(rest.indexOf('.')),
        )
      }
    }
    for (const number of row.querySelectorAll('[data-row-number]'))
      number.textContent = String(index + 1)
  })
}

/** Shows the fields of a rule's kind, and the milestone number only for "at the Nth". */
function syncRule(row: HTMLElement): void {
  const kind = row.querySelector<HTMLSelectElement>('[name$=".kind"]')?.value ?? ''
  row.dataset.kindSelected = kind
  for (const field of row.querySelectorAll<HTMLElement>('[data-for-kinds]'))
    field.hidden = !(field.dataset.forKinds ?? '').split(' ').includes(kind)
  const nth = row.querySelector<HTMLSelectElement>('[data-when]')?.value === 'nth'
  for (const field of row.querySelectorAll<HTMLElement>('[data-for-nth]')) field.hidden = !nth
  const recipient = row.querySelector<HTMLSelectElement>('[name$=".recipient"]')
  if (!recipient) return
  if (nth) recipient.value = 'referrer'
  for (const option of recipient.options) option.disabled = nth && option.value !== 'referrer'
}

function cloneTemplate(template: HTMLTemplateElement | null): HTMLElement | null {
  const first = template?.content.firstElementChild
  return first ? (first.cloneNode(true) as HTMLElement) : null
}

export function initRows(form: HTMLFormElement, onChange: () => void): void {
  const rules = form.querySelector<HTMLElement>('[data-rules]')
  if (rules) for (const row of rules.children) syncRule(row as HTMLElement)
  // A removed row hands focus to its neighbour's first control, or to the add button when it was
  // the last, so the keyboard never falls back to the top of the page.
  function removeRow(
    row: HTMLElement,
    renumber: () => void,
    firstControl: string,
    addButton: HTMLElement | null,
  ) {
    const next = row.nextElementSibling ?? row.previousElementSibling
    row.remove()
    renumber()
    ;(next?.querySelector<HTMLElement>(firstControl) ?? addButton)?.focus()
    onChange()
  }
  form.addEventListener('click', (event) => {
    const target = closestFrom<HTMLButtonElement>(event, 'button')
    if (!target) return
    if (target.hasAttribute('data-add-rule') && rules) {
      const row = cloneTemplate(byId<HTMLTemplateElement>('rule-template'))
      if (!row) return
      rules.appendChild(row)
      const id = row.querySelector<HTMLInputElement>('input[type=hidden][name$=".id"]')
      if (id) id.value = newRuleId()
      renumberRules(rules)
      syncRule(row)
      row.querySelector('select')?.focus()
      onChange()
    } else if (target.hasAttribute('data-remove-rule') && rules) {
      const row = target.closest<HTMLElement>('[data-rule]')
      if (row)
        removeRow(row, () => renumberRules(rules), 'select', form.querySelector('[data-add-rule]'))
    } else if (target.hasAttribute('data-add-row')) {
      const map = target.closest<HTMLElement>('[data-map]')
      const row = cloneTemplate(map?.querySelector('template') ?? null)
      if (!map || !row) return
      map.querySelector('[data-map-rows]')?.appendChild(row)
      renumberRows(map)
      row.querySelector<HTMLElement>('[data-map-key]')?.focus()
      onChange()
    } else if (target.hasAttribute('data-remove-row')) {
      const map = target.closest<HTMLElement>('[data-map]')
      const row = target.closest<HTMLElement>('[data-map-row]')
      if (map && row)
        removeRow(
          row,
          () => renumberRows(map),
          '[data-map-key]',
          map.querySelector('[data-add-row]'),
        )
    }
  })
  // Keyboard changes of a select may only fire `input` until it loses focus: follow both.
  form.addEventListener('input', (event) => {
    const row = closestFrom<HTMLElement>(event, '[data-rule]')
    if (row && event.target instanceof HTMLSelectElement) syncRule(row)
  })
  form.addEventListener('change', (event) => {
    const row = closestFrom<HTMLElement>(event, '[data-rule]')
    if (row) syncRule(row)
    const target = event.target
    if (target instanceof HTMLSelectElement && target.hasAttribute('data-qualification-attribute'))
      swapQualificationValues(target)
  })
}

/** A list attribute offers its options as checkboxes; any other attribute takes typed values. */
function swapQualificationValues(select: HTMLSelectElement): void {
  const box = document.querySelector<HTMLElement>('[data-values-box]')
  if (!box || !select.form) return
  const option = select.selectedOptions[0]
  const options = option?.dataset.options ? option.dataset.options.split('\n') : []
  // A typed value box stays as it is while the attribute still takes typed values.
  if (!options.length && box.tagName !== 'FIELDSET') return
  const control = (box.dataset.kind ? box : box.querySelector('[data-kind]')) as HTMLInputElement
  const read = readControl(control, select.form).value
  const current = Array.isArray(read) ? (read as string[]) : []
  const path = 'qualification.values'
  const help = byId('help-' + path)
  const error = byId('err-' + path)
  const title = (box.querySelector('legend') ?? box.querySelector('label'))?.textContent ?? ''
  let next: HTMLElement
  if (options.length) {
    next = document.createElement('fieldset')
    next.className = 'field checks'
    next.id = 'f-' + path
    next.tabIndex = -1
    next.dataset.kind = 'checks'
    next.dataset.name = path
    next.setAttribute('aria-describedby', 'help-' + path + ' err-' + path)
    const legend = document.createElement('legend')
    legend.textContent = title
    next.appendChild(legend)
    options.forEach((value, i) => {
      const wrap = document.createElement('div')
      wrap.className = 'check'
      const input = document.createElement('input')
      input.type = 'checkbox'
      input.id = 'qv-' + i
      input.value = value
      input.checked = current.includes(value)
      const label = document.createElement('label')
      label.htmlFor = input.id
      label.textContent = value
      wrap.append(input, label)
      next.appendChild(wrap)
    })
  } else {
    next = document.createElement('div')
    next.className = 'field'
    const label = document.createElement('label')
    label.htmlFor = 'f-' + path
    label.textContent = title
    const area = document.createElement('textarea')
    area.id = 'f-' + path
    area.name = path
    area.rows = 3
    area.dataset.kind = 'lines'
    area.setAttribute('aria-describedby', 'help-' + path + ' err-' + path)
    area.value = current.join('\n')
    next.append(label, area)
  }
  next.setAttribute('data-values-box', '')
  if (help) next.appendChild(help)
  if (error) next.appendChild(error)
  box.replaceWith(next)
}
