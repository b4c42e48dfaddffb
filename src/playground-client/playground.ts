// The playground's client: renders Canvas Kit components as HTML and plays Intercom's part
// (initialize → live canvas → submit) through /playground/api, which signs and forwards to the app.
import type { Action, Component } from '../../canvas/schema.js'
import { render as draw } from './canvas-render.js'

type Surface = 'messenger' | 'inbox'
type StoredData = Record<string, unknown>

interface Contact {
  readonly id: string
  readonly name: string
  readonly email: string
}

/** What /playground/api answers: the app's canvas response (or the sheet's form), loosely read. */
interface CanvasReply {
  readonly canvas?: { content?: { components?: Component[] }; stored_data?: StoredData }
  readonly content?: { components?: Component[] }
  readonly event?: { type?: string }
}

interface SheetForm {
  readonly action: string
  readonly intercom_data: string
}

const SAMPLES: readonly [Contact, ...Contact[]] = [
  { id: 'pg_ada', name: 'Ada Lovelace', email: 'ada@playground.test' },
  { id: 'pg_grace', name: 'Grace Hopper', email: 'grace@playground.test' },
  { id: 'pg_alan', name: 'Alan Turing', email: 'alan@playground.test' },
]
const created: Contact[] = []

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id)
  if (!node) throw new Error(`the playground page has no #${id}`)
  return node as T
}

const surfaces: Record<Surface, { stored: StoredData; el: HTMLElement }> = {
  messenger: { stored: {}, el: byId('messenger') },
  inbox: { stored: {}, el: byId('inbox') },
}
const picker = byId<HTMLSelectElement>('contact')
const localePicker = byId<HTMLSelectElement>('locale')

function option(text: string, value: string): HTMLOptionElement {
  const node = document.createElement('option')
  node.textContent = text
  node.value = value
  return node
}

function allContacts(): Contact[] {
  return [...SAMPLES, ...created]
}

function fillPicker(selectedId: string): void {
  picker.textContent = ''
  for (const c of allContacts()) picker.appendChild(option(`${c.name} <${c.email}>`, c.id))
  picker.appendChild(option('+ New contact', '__new__'))
  picker.value = selectedId
}

function currentContact(): Contact {
  const id = picker.value
  return allContacts().find((c) => c.id === id) ?? SAMPLES[0]
}

function newContact(): Contact {
  const tag = Math.random().toString(36).slice(2, 8)
  const contact = {
    id: `pg_new_${tag}`,
    name: `Visitor ${tag}`,
    email: `visitor-${tag}@playground.test`,
  }
  created.push(contact)
  fillPicker(contact.id)
  return contact
}

function status(surface: Surface, text: string): void {
  byId(`${surface}-status`).textContent = text
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function call<T = CanvasReply>(
  surface: Surface,
  step: string,
  extra: Record<string, unknown> = {},
): Promise<T> {
  const body = { contact: currentContact(), locale: localePicker.value, ...extra }
  const res = await fetch(`/playground/api/${surface}/${step}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as { response?: T; error?: { message?: string } }
  byId('last').textContent = JSON.stringify(json, null, 2)
  if (!res.ok) throw new Error(json.error?.message || `HTTP ${res.status}`)
  return json.response === undefined ? (json as T) : json.response
}

// --- rendering (canvas-render.ts) ------------------------------------------------------------

function render(surface: Surface, components: readonly Component[]): void {
  draw(surfaces[surface].el, components, (id, action) => act(surface, id, action))
}

function inputValues(surface: Surface): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {}
  const root = surfaces[surface].el
  for (const node of root.querySelectorAll<
    HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement
  >('[data-input-id]'))
    values[node.dataset.inputId ?? ''] = node.value
  for (const box of root.querySelectorAll<HTMLElement>('[data-checkbox-id]'))
    values[box.dataset.checkboxId ?? ''] = [...box.querySelectorAll('input')]
      .filter((i) => i.checked)
      .map((i) => i.value)
  return values
}

// --- actions ---------------------------------------------------------------------------------

function act(surface: Surface, componentId: string, action: Action | undefined): void {
  if (!action) return
  if (action.type === 'url') {
    window.open(action.url, '_blank', 'noopener')
    return
  }
  if (action.type === 'sheet') {
    void openSheet()
    return
  }
  status(surface, 'Submitting…')
  call(surface, 'submit', {
    component_id: componentId,
    input_values: inputValues(surface),
    stored_data: surfaces[surface].stored,
  })
    .then((response) => {
      showCanvas(surface, response)
      if (response.event?.type === 'completed') status(surface, 'event: completed')
      // The other surface shows the same person: refresh it so the change is visible there too.
      return surface === 'messenger' ? loadInbox() : loadMessenger()
    })
    .catch((error: unknown) => status(surface, `Error: ${messageOf(error)}`))
}

/** Posts the (server-encrypted) intercom_data to the sheet URL in a new tab, as the Messenger does. */
async function openSheet(): Promise<void> {
  const sheet = await call<SheetForm>('messenger', 'sheet', {
    stored_data: surfaces.messenger.stored,
  })
  const form = document.createElement('form')
  form.method = 'POST'
  form.action = sheet.action
  form.target = '_blank'
  const field = document.createElement('input')
  field.type = 'hidden'
  field.name = 'intercom_data'
  field.value = sheet.intercom_data
  form.appendChild(field)
  document.body.appendChild(form)
  form.submit()
  form.remove()
}

function showCanvas(surface: Surface, response: CanvasReply): void {
  const canvas = response.canvas ?? {}
  surfaces[surface].stored = canvas.stored_data ?? {}
  render(surface, canvas.content?.components ?? [])
}

function loadMessenger(): Promise<void> {
  status('messenger', 'Loading…')
  return call('messenger', 'initialize')
    .then((init) => {
      surfaces.messenger.stored = init.canvas?.stored_data ?? {}
      return call('messenger', 'live', { stored_data: surfaces.messenger.stored })
    })
    .then((live) => {
      render('messenger', live.content?.components ?? [])
      status('messenger', `live canvas for ${currentContact().name}`)
    })
    .catch((error: unknown) => status('messenger', `Error: ${messageOf(error)}`))
}

function loadInbox(): Promise<void> {
  status('inbox', 'Loading…')
  return call('inbox', 'initialize')
    .then((response) => {
      showCanvas('inbox', response)
      status('inbox', `conversation with ${currentContact().name}`)
    })
    .catch((error: unknown) => status('inbox', `Error: ${messageOf(error)}`))
}

function reload(): Promise<unknown> {
  return Promise.all([loadMessenger(), loadInbox()])
}

picker.addEventListener('change', () => {
  if (picker.value === '__new__') newContact()
  void reload()
})
localePicker.addEventListener('change', () => void reload())
byId('reload').addEventListener('click', () => void reload())
fillPicker(SAMPLES[0].id)
void reload()
