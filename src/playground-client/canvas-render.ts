// Canvas Kit components as HTML: the one renderer of the playground and the dashboard's preview.
// render(root, components, act) draws them; act(componentId, action) runs a click.
import type { Action, Component } from '../../canvas/schema.js'

/** What a click on a component does: the playground plays Intercom's part; the preview ignores it. */
export type CanvasAct = (componentId: string, action: Action | undefined) => void

function option(text: string, value: string): HTMLOptionElement {
  const node = document.createElement('option')
  node.textContent = text
  node.value = value
  return node
}

/**
 * Canvas Kit text allows **bold** and [links](url) only; everything else is literal. A backslash
 * escape (CommonMark: https://spec.commonmark.org/0.31.2/#backslash-escapes) is the character
 * itself and never markup: the app escapes what people typed that way.
 */
function markdown(parent: HTMLElement, text: string): void {
  const escaped: string[] = []
  const hidden = text.replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => {
    escaped.push(char)
    return String.fromCharCode(0xe000 + escaped.length - 1)
  })
  const literal = (value: string) =>
    value.replace(/[\ue000-\uf8ff]/g, (mark) => escaped[mark.charCodeAt(0) - 0xe000] ?? '')
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
  let last = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(hidden))) {
    parent.appendChild(document.createTextNode(literal(hidden.slice(last, match.index))))
    if (match[1] !== undefined) {
      const strong = document.createElement('strong')
      strong.textContent = literal(match[1])
      parent.appendChild(strong)
    } else {
      const a = document.createElement('a')
      a.textContent = literal(match[2] ?? '')
      a.href = literal(match[3] ?? '')
      a.target = '_blank'
      a.rel = 'noopener'
      parent.appendChild(a)
    }
    last = pattern.lastIndex
  }
  parent.appendChild(document.createTextNode(literal(hidden.slice(last))))
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

interface FieldParts {
  readonly label?: string | undefined
  readonly save_state?: string | undefined
  readonly error?: boolean | undefined
}

function field(component: FieldParts, control: HTMLElement): HTMLLabelElement {
  const wrap = el(
    'label',
    'c-field ' + (component.save_state ?? '') + (component.error ? ' error' : ''),
  )
  if (component.label) wrap.appendChild(el('span', '', component.label))
  wrap.appendChild(control)
  return wrap
}

function renderOne(c: Component, act: CanvasAct): HTMLElement {
  switch (c.type) {
    case 'text': {
      const p = el('p', 'c-text ' + (c.style ?? 'paragraph'))
      if (c.align) p.style.textAlign = c.align
      markdown(p, c.text)
      return p
    }
    case 'data-table': {
      const table = el('table', 'c-table')
      for (const item of c.items) {
        const tr = document.createElement('tr')
        tr.appendChild(el('th', '', item.field))
        tr.appendChild(el('td', '', item.value))
        table.appendChild(tr)
      }
      return table
    }
    case 'button': {
      const button = el('button', 'c-button ' + (c.style ?? 'primary'), c.label)
      button.type = 'button'
      button.dataset.componentId = c.id
      button.disabled = Boolean(c.disabled)
      button.addEventListener('click', () => act(c.id, c.action))
      return button
    }
    case 'input': {
      const input = document.createElement('input')
      input.type = 'text'
      input.name = c.id
      input.dataset.inputId = c.id
      input.value = c.value ?? ''
      input.placeholder = c.placeholder ?? ''
      input.disabled = Boolean(c.disabled) || c.save_state === 'saved'
      const wrapped = field(c, input)
      if (c.save_state === 'saved') wrapped.appendChild(el('span', 'saved-mark', '✓ saved'))
      if (c.action && c.save_state !== 'saved') {
        const go = el('button', 'c-button secondary', '→')
        go.type = 'button'
        go.addEventListener('click', () => act(c.id, c.action))
        wrapped.appendChild(go)
      }
      return wrapped
    }
    case 'textarea': {
      const area = document.createElement('textarea')
      area.name = c.id
      area.dataset.inputId = c.id
      area.value = c.value ?? ''
      area.placeholder = c.placeholder ?? ''
      area.disabled = Boolean(c.disabled)
      return field(c, area)
    }
    case 'dropdown':
    case 'single-select': {
      const select = document.createElement('select')
      select.name = c.id
      select.dataset.inputId = c.id
      for (const o of c.options) {
        const choice = option(o.text, o.id)
        choice.disabled = Boolean(o.disabled)
        select.appendChild(choice)
      }
      if (c.value) select.value = c.value
      const action = 'action' in c ? c.action : undefined
      if (action) select.addEventListener('change', () => act(c.id, action))
      return field(c, select)
    }
    case 'checkbox': {
      const box = el('div', 'c-options')
      box.dataset.checkboxId = c.id
      for (const o of c.option) {
        const label = el('label')
        const check = document.createElement('input')
        check.type = 'checkbox'
        check.value = o.id
        check.checked = (c.value ?? []).includes(o.id)
        label.appendChild(check)
        label.appendChild(document.createTextNode(' ' + o.text))
        box.appendChild(label)
      }
      return field(c, box)
    }
    case 'list': {
      const ul = el('ul', 'c-list')
      for (const item of c.items) {
        const li = el('li', '', item.title)
        li.dataset.componentId = item.id
        if (item.subtitle) li.appendChild(el('small', '', item.subtitle))
        if (item.tertiary_text) li.appendChild(el('small', '', item.tertiary_text))
        if (item.action && !item.disabled)
          li.addEventListener('click', () => act(item.id, item.action))
        ul.appendChild(li)
      }
      return ul
    }
    case 'divider':
      return el('hr', 'c-divider')
    case 'spacer':
      return el('div', 'c-spacer')
    case 'image': {
      const img = document.createElement('img')
      img.src = c.url
      img.width = c.width
      img.height = c.height
      return img
    }
    default:
      // A type this renderer does not know yet (the server's JSON is not checked here): said, not dropped.
      return el('p', 'c-text error', 'Unknown component: ' + (c as { type: string }).type)
  }
}

/** Replaces what root shows with the components, drawn as HTML. */
export function render(
  root: HTMLElement,
  components: readonly Component[],
  act: CanvasAct = () => {},
): void {
  root.textContent = ''
  for (const c of components) root.appendChild(renderOne(c, act))
}
