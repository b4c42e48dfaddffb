// The dashboard's only script (no build step, no CDN): it saves the settings form through the
// admin API and shows each field's error next to it, runs review actions, and polls sync runs.
/* global Node, clearTimeout */
'use strict'

function byId(id) {
  return document.getElementById(id)
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  let data = null
  try {
    data = await response.json()
  } catch {
    data = null
  }
  return { ok: response.ok, status: response.status, data }
}

// ---- campaign settings form --------------------------------------------------------------

function setPath(target, path, value) {
  const keys = path.split('.')
  let node = target
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
    node = node[key]
  }
  node[keys[keys.length - 1]] = value
}

function readControl(control) {
  const kind = control.dataset.kind
  const raw = control.value
  if (kind === 'bool') return { value: control.checked }
  if (kind === 'number') return { value: raw.trim() === '' ? undefined : Number(raw) }
  if (kind === 'nullable-number') return { value: raw.trim() === '' ? null : Number(raw) }
  if (kind === 'nullable-string') return { value: raw.trim() === '' ? null : raw }
  if (kind === 'lines')
    return {
      value: raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    }
  if (kind === 'json') {
    try {
      return { value: JSON.parse(raw || 'null') }
    } catch {
      return { error: 'is not valid JSON' }
    }
  }
  return { value: raw }
}

function clearErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) {
    node.hidden = true
    node.textContent = ''
  }
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid')
  const summary = byId('form-errors')
  summary.hidden = true
  summary.textContent = ''
}

/** Shows each API field message under its control; a path without a control goes to its section. */
function showErrors(form, fields) {
  const summary = byId('form-errors')
  const list = document.createElement('ul')
  let first = null
  for (const field of fields) {
    let path = field.path.replace(/^settings\./, '')
    let control = byId('f-' + path)
    while (!control && path.includes('.')) {
      path = path.slice(0, path.lastIndexOf('.'))
      control = byId('f-' + path)
    }
    const error = control ? byId('err-' + path) : null
    if (control && error) {
      error.textContent = (error.textContent ? error.textContent + '; ' : '') + field.message
      error.hidden = false
      control.setAttribute('aria-invalid', 'true')
      first = first || control
    }
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.href = '#f-' + path
    link.textContent = field.path + ': ' + field.message
    item.appendChild(link)
    list.appendChild(item)
  }
  summary.textContent =
    'Please fix ' + fields.length + (fields.length === 1 ? ' field:' : ' fields:')
  summary.appendChild(list)
  summary.hidden = false
  ;(first || summary).focus()
}

function initSettingsForm(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    clearErrors(form)
    const status = byId('form-status')
    const body = { settings: {} }
    const local = []
    for (const control of form.querySelectorAll('[data-kind]')) {
      const read = readControl(control)
      if (read.error) local.push({ path: 'settings.' + control.name, message: read.error })
      else if (control.name === 'name') body.name = read.value
      else if (read.value !== undefined) setPath(body.settings, control.name, read.value)
    }
    if (local.length) return showErrors(form, local)
    status.textContent = 'Saving…'
    const result = await api('PATCH', form.dataset.api, body)
    if (result.ok) {
      status.textContent = 'Saved.'
      return
    }
    status.textContent = ''
    const error = (result.data && result.data.error) || { message: 'Saving failed.' }
    if (error.fields && error.fields.length) showErrors(form, error.fields)
    else showErrors(form, [{ path: '(form)', message: error.message }])
  })
}

// ---- Stripe connection (billing page) -----------------------------------------------------

function initStripeForm(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    clearErrors(form)
    const status = byId('form-status')
    const body = {
      secretKey: form.elements.secretKey.value,
      webhookSecret: form.elements.webhookSecret.value,
    }
    status.textContent = 'Checking the key with Stripe…'
    const result = await api('PUT', form.dataset.api, body)
    if (result.ok) {
      form.reset()
      const who = result.data.accountName || result.data.accountId || 'Stripe'
      byId('stripe-state').textContent =
        'Connected to ' + who + ' (key ' + result.data.keyHint + '). Stripe accepted the key.'
      status.textContent = 'Connected: Stripe accepted the key.'
      return
    }
    status.textContent = ''
    const error = (result.data && result.data.error) || { message: 'Connecting failed.' }
    const fields = (error.fields || []).map((f) => ({
      path: f.path.replace(/^body\./, ''),
      message: f.message,
    }))
    showErrors(form, fields.length ? fields : [{ path: '(form)', message: error.message }])
  })
}

// ---- review actions (referrals, rewards) --------------------------------------------------

function announce(text) {
  const region = byId('action-status') || byId('form-status')
  if (region) region.textContent = text
}

async function runAction(button, reason) {
  const row = button.closest('tr')
  button.disabled = true
  const result = await api('POST', button.dataset.url, reason === undefined ? {} : { reason })
  if (!result.ok) {
    button.disabled = false
    const message = (result.data && result.data.error && result.data.error.message) || 'Failed.'
    announce(message)
    return
  }
  const cell = row.querySelector('.status')
  if (cell) cell.textContent = result.data.status
  row.querySelector('.actions').textContent = ''
  announce(button.textContent.trim() + ': done (' + result.data.status + ').')
}

function askReason(button) {
  const cell = button.closest('.actions')
  const id = 'reason-' + button.closest('tr').dataset.id
  cell.textContent = ''
  const label = document.createElement('label')
  label.htmlFor = id
  label.textContent = button.dataset.needsReason
  const input = document.createElement('input')
  input.id = id
  input.required = true
  const confirm = document.createElement('button')
  confirm.type = 'button'
  confirm.textContent = 'Confirm ' + button.textContent.trim().toLowerCase()
  confirm.dataset.url = button.dataset.url
  confirm.addEventListener('click', () => {
    if (!input.value.trim()) {
      input.setAttribute('aria-invalid', 'true')
      input.focus()
      return
    }
    runAction(confirm, input.value.trim())
  })
  cell.append(label, ' ', input, ' ', confirm)
  input.focus()
}

function initActions() {
  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('button[data-action]')
    if (!button) return
    if (button.dataset.needsReason) askReason(button)
    else runAction(button)
  })
}

// ---- sync runs: live progress --------------------------------------------------------------

function cell(row, text) {
  const td = document.createElement('td')
  if (text instanceof Node) td.appendChild(text)
  else td.textContent = text === null || text === undefined ? '—' : String(text)
  row.appendChild(td)
}

function renderRuns(table, runs) {
  const body = table.tBodies[0]
  body.textContent = ''
  if (!runs.length) {
    const row = body.insertRow()
    cell(row, 'No sync runs yet.')
    row.cells[0].colSpan = 5
    return
  }
  for (const run of runs) {
    const row = body.insertRow()
    cell(row, run.startedAt)
    cell(row, run.status + (run.error ? ' (' + run.error + ')' : ''))
    const progress = run.progress || {}
    const bar = document.createElement('progress')
    bar.max = 100
    if (progress.percent !== null && progress.percent !== undefined) bar.value = progress.percent
    bar.setAttribute('aria-label', 'Progress of the run started ' + run.startedAt)
    const wrap = document.createElement('span')
    wrap.append(
      bar,
      ' ' +
        (progress.total === null || progress.total === undefined
          ? progress.done + ' read'
          : progress.done + ' / ' + progress.total),
    )
    cell(row, wrap)
    cell(row, run.imported)
    cell(row, run.finishedAt)
  }
}

function initSync(table) {
  const status = byId('sync-status')
  let timer = null
  async function poll() {
    const result = await api('GET', table.dataset.url)
    if (!result.ok) {
      status.textContent =
        (result.data && result.data.error && result.data.error.message) ||
        'Could not load sync runs.'
      table.tBodies[0].textContent = ''
      return
    }
    const runs = result.data.items || []
    renderRuns(table, runs)
    const running = runs.some((run) => run.status === 'running')
    timer = setTimeout(poll, running ? 1500 : 5000)
  }
  poll()
  const start = byId('start-sync')
  if (start)
    start.addEventListener('click', async () => {
      start.disabled = true
      const result = await api('POST', start.dataset.url, {})
      start.disabled = false
      status.textContent = result.ok
        ? 'Import started.'
        : (result.data && result.data.error && result.data.error.message) || 'Could not start.'
      if (timer) clearTimeout(timer)
      poll()
    })
}

document.addEventListener('DOMContentLoaded', () => {
  const form = byId('settings-form')
  if (form) initSettingsForm(form)
  const stripeForm = byId('stripe-form')
  if (stripeForm) initStripeForm(stripeForm)
  initActions()
  const runs = byId('sync-runs')
  if (runs) initSync(runs)
})
