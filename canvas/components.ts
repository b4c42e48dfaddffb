import type {
  Action,
  ButtonComponent,
  Component,
  Content,
  DataTableComponent,
  InputComponent,
  ListItem,
  Option,
  StaticCanvas,
  StoredData,
  TextComponent,
} from './schema.js'

// Typed constructors: every canvas the app sends is built from these, so a field name typo or a
// missing required field is a compile error rather than a blank card in Intercom.

type Extra<T, K extends keyof T> = Partial<Omit<T, 'type' | K>>

export function text(value: string, extra: Extra<TextComponent, 'text'> = {}): TextComponent {
  return { type: 'text', text: value, ...extra }
}

export function header(value: string): TextComponent {
  return text(value, { style: 'header' })
}

export function muted(value: string): TextComponent {
  return text(value, { style: 'muted' })
}

export function errorText(value: string): TextComponent {
  return text(value, { style: 'error' })
}

export function dataTable(rows: ReadonlyArray<readonly [string, string]>): DataTableComponent {
  return {
    type: 'data-table',
    items: rows.map(([field, value]) => ({ type: 'field-value', field, value })),
  }
}

export function button(
  id: string,
  label: string,
  action: Action,
  extra: Extra<ButtonComponent, 'id' | 'label' | 'action'> = {},
): ButtonComponent {
  return { type: 'button', id, label, action, ...extra }
}

export function input(id: string, extra: Extra<InputComponent, 'id'> = {}): InputComponent {
  return { type: 'input', id, ...extra }
}

export function textarea(
  id: string,
  extra: { label?: string; placeholder?: string; value?: string; error?: boolean } = {},
): Component {
  return { type: 'textarea', id, ...extra }
}

export function optionOf(id: string, label: string): Option {
  return { type: 'option', id, text: label }
}

export function singleSelect(
  id: string,
  options: Option[],
  extra: { label?: string; value?: string } = {},
): Component {
  return { type: 'single-select', id, options, ...extra }
}

export function dropdown(
  id: string,
  options: Option[],
  extra: { label?: string; value?: string } = {},
): Component {
  return { type: 'dropdown', id, options, ...extra }
}

export function checkbox(
  id: string,
  options: Option[],
  extra: { label?: string; value?: string[] } = {},
): Component {
  return { type: 'checkbox', id, option: options, ...extra }
}

export function list(items: ListItem[]): Component {
  return { type: 'list', items }
}

export function listItem(
  id: string,
  title: string,
  extra: Omit<Partial<ListItem>, 'type' | 'id' | 'title'> = {},
): ListItem {
  return { type: 'item', id, title, ...extra }
}

export function image(
  url: string,
  size: number,
  extra: { align?: 'left' | 'center' | 'right' } = {},
): Component {
  return { type: 'image', url, width: size, height: size, ...extra }
}

export function divider(): Component {
  return { type: 'divider' }
}

export function spacer(size: 'xs' | 's' | 'm' | 'l' | 'xl' = 's'): Component {
  return { type: 'spacer', size }
}

export const submit: Action = { type: 'submit' }

export function urlAction(url: string): Action {
  return { type: 'url', url }
}

export function sheetAction(url: string): Action {
  return { type: 'sheet', url }
}

export function content(components: Component[]): Content {
  return { components }
}

export function canvas(components: Component[], storedData?: StoredData): StaticCanvas {
  return storedData
    ? { content: content(components), stored_data: storedData }
    : { content: content(components) }
}
