// The campaigns list: create one from a starting point, rename in place (Enter saves), and the
// lifecycle actions; archiving asks first.
import { api, messageOf } from './api.js'
import { ask } from './confirm.js'
import { announce, byId, closestFrom } from './dom.js'

export function initNewCampaign(form: HTMLFormElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const name = byId<HTMLInputElement>('new-name')
    const error = byId('err-new-name')
    const status = byId('new-status')
    if (!name || !error || !status) return
    error.hidden = true
    name.removeAttribute('aria-invalid')
    const template = form.querySelector<HTMLInputElement>('input[name=template]:checked')
    const body: { name: string; template?: string } = { name: name.value }
    if (template && template.value !== 'blank') body.template = template.value
    status.textContent = 'Creating…'
    const result = await api<{ id: string }>('POST', form.dataset.api ?? '', body)
    if (result.ok && result.data) {
      window.location.assign(form.dataset.base + '/' + result.data.id)
      return
    }
    status.textContent = ''
    const field = result.error.fields?.find((f) => f.path === 'name')
    error.textContent = field ? field.message : messageOf(result, 'Could not create it.')
    error.hidden = false
    name.setAttribute('aria-invalid', 'true')
    name.focus()
  })
}

/** The rename box: a small form, so Enter saves as it does in any form. */
function askName(button: HTMLButtonElement): void {
  const cell = button.closest('td')
  const row = button.closest('tr')
  if (!cell || !row) return
  const open = cell.querySelector<HTMLInputElement>('.rename input')
  if (open) return open.focus()
  const id = 'rename-' + row.dataset.campaign
  const form = document.createElement('form')
  form.className = 'rename'
  const label = document.createElement('label')
  label.htmlFor = id
  label.textContent = 'New name'
  const input = document.createElement('input')
  input.id = id
  input.value = button.dataset.name ?? ''
  input.setAttribute('aria-describedby', id + '-error')
  const error = document.createElement('span')
  error.id = id + '-error'
  error.className = 'field-error'
  error.hidden = true
  const save = document.createElement('button')
  save.type = 'submit'
  save.className = 'small'
  save.textContent = 'Save name'
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const result = await api('PATCH', button.dataset.url ?? '', {
      name: input.value,
      version: Number(button.dataset.version),
    })
    if (result.ok) return window.location.reload()
    input.setAttribute('aria-invalid', 'true')
    const field = result.error.fields?.find((f) => f.path === 'name')
    error.textContent = field ? field.message : messageOf(result, 'The name was not saved.')
    error.hidden = false
    input.focus()
  })
  form.append(label, ' ', input, ' ', save, error)
  cell.appendChild(form)
  input.focus()
  input.select()
}

export function initCampaignActions(): void {
  document.addEventListener('click', async (event) => {
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-campaign-action]')
    if (!button) return
    const action = button.dataset.campaignAction
    if (action === 'rename') return askName(button)
    if (
      button.dataset.confirm &&
      !(await ask(button.dataset.confirm, button.dataset.confirmYes ?? 'Yes'))
    )
      return button.focus()
    button.disabled = true
    const body = button.dataset.version ? { version: Number(button.dataset.version) } : {}
    const result = await api<{ id: string }>('POST', button.dataset.url ?? '', body)
    if (result.ok && action === 'duplicate' && result.data) {
      window.location.assign(window.location.pathname + '/' + result.data.id)
      return
    }
    if (result.ok) return window.location.reload()
    button.disabled = false
    announce(messageOf(result, 'That did not work. Try again.'))
  })
}
