import type { Component } from '../../../../canvas/schema.js'
import { type Html, html } from './html.js'

// Canvas Kit JSON as inert HTML for the dashboard's preview: the components the live canvas
// answers, drawn with the playground renderer's classes (canvas-render.css), nothing clickable.

type Loose = Record<string, unknown>

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Canvas Kit text allows **bold** and [links](url) only; everything else is literal. */
function markdown(text: string): Html[] {
  const out: Html[] = []
  const pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
  let last = 0
  for (const match of text.matchAll(pattern)) {
    out.push(html`${text.slice(last, match.index)}`)
    if (match[1] !== undefined) out.push(html`<strong>${match[1]}</strong>`)
    else out.push(html`<span class="c-link">${match[2]}</span>`)
    last = match.index + match[0].length
  }
  out.push(html`${text.slice(last)}`)
  return out
}

function field(c: Loose, control: Html): Html {
  return html`<label class="c-field ${str(c.save_state)}">
    ${c.label ? html`<span>${str(c.label)}</span>` : ''} ${control}
  </label>`
}

function one(c: Loose): Html {
  switch (c.type) {
    case 'text': {
      const style = str(c.style) || 'paragraph'
      const align = str(c.align)
      return html`<p class="c-text ${style}" ${align ? html`style="text-align:${align}"` : ''}>
        ${markdown(str(c.text))}
      </p>`
    }
    case 'data-table':
      return html`<table class="c-table">
        ${((c.items as Loose[] | undefined) ?? []).map(
          (item) =>
            html`<tr>
              <th scope="row">${str(item.field)}</th>
              <td>${str(item.value)}</td>
            </tr>`,
        )}
      </table>`
    case 'button':
      return html`<span class="c-button ${str(c.style) || 'primary'}">${str(c.label)}</span>`
    case 'input':
    case 'textarea':
      return field(
        c,
        html`<input
          type="text"
          disabled
          value="${str(c.value)}"
          placeholder="${str(c.placeholder)}"
        />`,
      )
    case 'dropdown':
    case 'single-select':
    case 'checkbox': {
      const options = ((c.options ?? c.option) as Loose[] | undefined) ?? []
      return field(
        c,
        html`<span class="c-options">${options.map((o) => str(o.text)).join(' · ')}</span>`,
      )
    }
    case 'list':
      return html`<ul class="c-list">
        ${((c.items as Loose[] | undefined) ?? []).map(
          (item) =>
            html`<li>
              ${str(item.title)}${item.subtitle ? html`<small>${str(item.subtitle)}</small>` : ''}
            </li>`,
        )}
      </ul>`
    case 'divider':
      return html`<hr class="c-divider" />`
    case 'spacer':
      return html`<div class="c-spacer"></div>`
    case 'image': {
      const align = str(c.align)
      return html`<p class="c-image" ${align ? html`style="text-align:${align}"` : ''}>
        <img src="${str(c.url)}" width="${Number(c.width)}" height="${Number(c.height)}" alt="" />
      </p>`
    }
    default:
      return html`<p class="c-text muted">(${str(c.type)})</p>`
  }
}

/** Components as the Messenger would lay them out, one after another. */
export function canvasHtml(components: readonly Component[]): Html {
  return html`${components.map((c) => one(c as unknown as Loose))}`
}
