// The dashboard's script (no build step, no CDN): the campaign editor (rows, pickers, live preview,
// saving through the admin API with each error beside its field), campaign actions, review actions
// and sync progress. Canvas previews are drawn by canvas-render.js, the playground's renderer.
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
  keys.slice(0, -1).forEach((key, i) => {
    const nextIsIndex = /^\d+$/.test(keys[i + 1])
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = nextIsIndex ? [] : {}
    node = node[key]
  })
  node[keys[keys.length - 1]] = value
}

function currencyDigits(currency) {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency: currency || 'USD',
    }).resolvedOptions().maximumFractionDigits
  } catch {
    return 2
  }
}

/** A control's value for the settings, or { error } for what cannot even be read. */
function readControl(control, form) {
  const kind = control.dataset.kind
  const raw = control.value
  if (control.closest('[hidden]')) return { value: null }
  if (kind === 'bool') return { value: control.checked }
  if (kind === 'number') {
    if (raw.trim() === '') return { error: 'Enter a number.' }
    return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: 'Enter a number.' }
  }
  if (kind === 'nullable-number') {
    if (raw.trim() === '') return { value: null }
    return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: 'Enter a number.' }
  }
  if (kind === 'nullable-string') return { value: raw.trim() === '' ? null : raw }
  if (kind === 'money') {
    const text = raw.trim().replace(/,/g, '')
    if (text === '') return { value: null }
    if (!/^\d+(\.\d+)?$/.test(text)) return { error: 'Enter an amount like 10 or 10.50.' }
    const currencyControl = form.querySelector('[name="' + control.dataset.currencyFrom + '"]')
    const digits = currencyDigits(currencyControl && currencyControl.value.trim().toUpperCase())
    return { value: Math.round(Number(text) * Math.pow(10, digits)) }
  }
  if (kind === 'lines')
    return {
      value: raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    }
  if (kind === 'checks')
    return {
      value: Array.from(control.querySelectorAll('input[type=checkbox]:checked')).map(
        (box) => box.value,
      ),
    }
  return { value: raw }
}

/** The map settings: each row's key and value (a typed value keeps numbers and booleans). */
function readMaps(form, settings) {
  for (const map of form.querySelectorAll('[data-map]')) {
    const value = {}
    for (const row of map.querySelectorAll('[data-map-rows] [data-map-row]')) {
      const key = row.querySelector('[data-map-key]').value.trim()
      let item = row.querySelector('[data-map-value]').value.trim()
      if (!key) continue
      if (map.hasAttribute('data-map-scalars')) {
        if (item === 'true' || item === 'false') item = item === 'true'
        else if (/^-?\d+(\.\d+)?$/.test(item)) item = Number(item)
      }
      value[key] = item
    }
    setPath(settings, map.dataset.map, value)
  }
}

/** The whole form as { name, version, settings }, or the fields that cannot be read. */
function collect(form) {
  const body = { settings: {} }
  const local = []
  for (const control of form.querySelectorAll('[data-kind]')) {
    if (control.closest('template')) continue
    const name = control.name || control.dataset.name
    const read = readControl(control, form)
    if (read.error) local.push({ path: 'settings.' + name, message: read.error })
    else if (name === 'name') body.name = read.value
    else if (read.value !== undefined) setPath(body.settings, name, read.value)
  }
  readMaps(form, body.settings)
  if (body.settings.rewards && Array.isArray(body.settings.rewards.rules))
    body.settings.rewards.rules = body.settings.rewards.rules.filter(Boolean)
  const version = byId('f-version')
  if (version) body.version = Number(version.value)
  return { body, local }
}

function clearErrors(form) {
  for (const node of form.querySelectorAll('.field-error')) {
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

/** The control a field path names: by id, a map row by its key, else the nearest section. */
function controlFor(form, path) {
  let current = path
  for (;;) {
    const control = byId('f-' + current)
    if (control) return { control, path: current }
    const cut = current.lastIndexOf('.')
    if (cut < 0) return { control: null, path: current }
    const parent = current.slice(0, cut)
    const map = form.querySelector('[data-map="' + parent + '"]')
    if (map) {
      const key = current.slice(cut + 1)
      for (const row of map.querySelectorAll('[data-map-rows] [data-map-row]')) {
        if (row.querySelector('[data-map-key]').value.trim() === key) {
          const value = row.querySelector('[data-map-value]')
          return { control: value, path: value.id.replace(/^f-/, '') }
        }
      }
    }
    current = parent
  }
}

function fieldLabel(control) {
  if (!control) return ''
  const label = control.labels && control.labels[0]
  if (label) return label.textContent.trim()
  const legend = control.querySelector && control.querySelector('legend')
  return legend ? legend.textContent.trim() : ''
}

/** Shows each message under its control and a linked summary at the top; focus goes to the first. */
function showErrors(form, fields) {
  const summary = byId('form-errors')
  const list = document.createElement('ul')
  let first = null
  for (const field of fields) {
    const found = controlFor(form, field.path.replace(/^settings\./, ''))
    const error = found.control ? byId('err-' + found.path) : null
    if (found.control && error) {
      error.textContent = (error.textContent ? error.textContent + ' ' : '') + field.message
      error.hidden = false
      found.control.setAttribute('aria-invalid', 'true')
      first = first || found.control
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
  ;(first || summary).focus()
}

// ---- rows: reward rules and field maps ----------------------------------------------------

let ruleSerial = 0

function newRuleId() {
  ruleSerial += 1
  return 'rule-' + Date.now().toString(36) + '-' + ruleSerial
}

/** Rows carry their index in names and ids; after an add or a removal they are numbered again. */
function renumberRules(list) {
  Array.from(list.children).forEach((row, index) => {
    for (const node of row.querySelectorAll('[name],[id],[for],[aria-describedby]')) {
      for (const attribute of ['name', 'id', 'for', 'aria-describedby']) {
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
  const empty = list.parentElement.querySelector('[data-empty-rules]')
  if (empty) empty.hidden = list.children.length > 0
}

function renumberRows(map) {
  const rows = map.querySelectorAll('[data-map-rows] [data-map-row]')
  const prefix = map.dataset.map + '.'
  Array.from(rows).forEach((row, index) => {
    for (const node of row.querySelectorAll('[id],[for]')) {
      for (const attribute of ['id', 'for']) {
        const value = node.getAttribute(attribute)
        const at = value ? value.indexOf(prefix) : -1
        if (at < 0) continue
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
function syncRule(row) {
  const kind = row.querySelector('[name$=".kind"]').value
  row.dataset.kindSelected = kind
  for (const field of row.querySelectorAll('[data-for-kinds]'))
    field.hidden = field.dataset.forKinds.split(' ').indexOf(kind) < 0
  const nth = row.querySelector('[data-when]').value === 'nth'
  for (const field of row.querySelectorAll('[data-for-nth]')) field.hidden = !nth
  const recipient = row.querySelector('[name$=".recipient"]')
  if (nth) recipient.value = 'referrer'
  for (const option of recipient.options) option.disabled = nth && option.value !== 'referrer'
}

function initRows(form, onChange) {
  const rules = form.querySelector('[data-rules]')
  if (rules) for (const row of rules.children) syncRule(row)
  // A removed row hands focus to its neighbour's first control, or to the add button when it was
  // the last, so the keyboard never falls back to the top of the page.
  function removeRow(row, renumber, firstControl, addButton) {
    const next = row.nextElementSibling || row.previousElementSibling
    row.remove()
    renumber()
    ;(next ? next.querySelector(firstControl) : addButton).focus()
    onChange()
  }
  form.addEventListener('click', (event) => {
    const target = event.target.closest && event.target.closest('button')
    if (!target) return
    if (target.hasAttribute('data-add-rule')) {
      const template = byId('rule-template')
      const row = template.content.firstElementChild.cloneNode(true)
      rules.appendChild(row)
      row.querySelector('input[type=hidden][name$=".id"]').value = newRuleId()
      renumberRules(rules)
      syncRule(row)
      row.querySelector('select').focus()
      onChange()
    } else if (target.hasAttribute('data-remove-rule')) {
      removeRow(
        target.closest('[data-rule]'),
        () => renumberRules(rules),
        'select',
        form.querySelector('[data-add-rule]'),
      )
    } else if (target.hasAttribute('data-add-row')) {
      const map = target.closest('[data-map]')
      const row = map.querySelector('template').content.firstElementChild.cloneNode(true)
      map.querySelector('[data-map-rows]').appendChild(row)
      renumberRows(map)
      row.querySelector('[data-map-key]').focus()
      onChange()
    } else if (target.hasAttribute('data-remove-row')) {
      const map = target.closest('[data-map]')
      removeRow(
        target.closest('[data-map-row]'),
        () => renumberRows(map),
        '[data-map-key]',
        map.querySelector('[data-add-row]'),
      )
    }
  })
  // Keyboard changes of a select may only fire `input` until it loses focus: follow both.
  form.addEventListener('input', (event) => {
    const row = event.target.closest && event.target.closest('[data-rule]')
    if (row && event.target.tagName === 'SELECT') syncRule(row)
  })
  form.addEventListener('change', (event) => {
    const row = event.target.closest && event.target.closest('[data-rule]')
    if (row) syncRule(row)
    if (event.target.hasAttribute && event.target.hasAttribute('data-qualification-attribute'))
      swapQualificationValues(event.target)
  })
}

/** A list attribute offers its options as checkboxes; any other attribute takes typed values. */
function swapQualificationValues(select) {
  const box = document.querySelector('[data-values-box]')
  if (!box) return
  const option = select.selectedOptions && select.selectedOptions[0]
  const options = option && option.dataset.options ? option.dataset.options.split('\n') : []
  // A typed value box stays as it is while the attribute still takes typed values.
  if (!options.length && box.tagName !== 'FIELDSET') return
  const current =
    readControl(box.dataset.kind ? box : box.querySelector('[data-kind]'), select.form).value || []
  const path = 'qualification.values'
  const help = byId('help-' + path)
  const error = byId('err-' + path)
  const title = (box.querySelector('legend') || box.querySelector('label')).textContent
  let next
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
      input.checked = current.indexOf(value) >= 0
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

// ---- live preview -------------------------------------------------------------------------

function initPreview(form) {
  // The customer screens (card, invite form, share text, sheet, landing page) arrive as one
  // server-drawn fragment: the same screens the live routes answer. The Inbox panel is drawn here.
  const customer = byId('preview-customer')
  const inbox = byId('preview-inbox')
  const status = byId('preview-status')
  const locale = byId('preview-locale')
  if (!inbox || !window.CanvasRender) return () => {}
  let timer = null
  let sequence = 0
  async function refresh() {
    const { body, local } = collect(form)
    if (local.length) {
      status.textContent = 'Preview waits until every field can be read.'
      return
    }
    const mine = ++sequence
    const draft = { settings: body.settings, locale: locale.value }
    const [result, panel] = await Promise.all([
      api('POST', form.dataset.preview, draft),
      customer ? api('POST', customer.dataset.panel, draft) : null,
    ])
    if (mine !== sequence) return
    if (!result.ok || (panel && !panel.ok)) {
      status.textContent = 'Preview paused: some settings are not valid yet.'
      return
    }
    if (customer && panel) customer.innerHTML = panel.data.html
    window.CanvasRender.render(inbox, result.data.inbox)
    for (const control of document.querySelectorAll(
      '.preview .surface button, .preview .surface input, .preview .surface select, .preview .surface textarea',
    )) {
      control.tabIndex = -1
      control.setAttribute('aria-disabled', 'true')
    }
    status.textContent = 'Preview updated.'
  }
  const soon = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, 250)
  }
  form.addEventListener('input', soon)
  form.addEventListener('change', soon)
  locale.addEventListener('change', refresh)
  refresh()
  return soon
}

function initSettingsForm(form) {
  const previewSoon = initPreview(form)
  initRows(form, previewSoon)
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    clearErrors(form)
    const status = byId('form-status')
    const { body, local } = collect(form)
    if (local.length) return showErrors(form, local)
    status.textContent = 'Saving…'
    const result = await api('PATCH', form.dataset.api, body)
    if (result.ok) {
      byId('f-version').value = String(result.data.version)
      status.textContent = 'Saved.'
      return
    }
    status.textContent = ''
    const error = (result.data && result.data.error) || { message: 'Saving failed.' }
    if (result.status === 409) {
      status.textContent = error.message
      showErrors(form, [{ path: '(form)', message: error.message }])
      return
    }
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

// ---- campaigns: create and lifecycle -------------------------------------------------------

function initNewCampaign(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const name = byId('new-name')
    const error = byId('err-new-name')
    const status = byId('new-status')
    error.hidden = true
    name.removeAttribute('aria-invalid')
    const template = form.querySelector('input[name=template]:checked')
    const body = { name: name.value }
    if (template && template.value !== 'blank') body.template = template.value
    status.textContent = 'Creating…'
    const result = await api('POST', form.dataset.api, body)
    if (result.ok) {
      window.location.assign(form.dataset.base + '/' + result.data.id)
      return
    }
    status.textContent = ''
    const failure = (result.data && result.data.error) || { message: 'Could not create it.' }
    const field = (failure.fields || []).find((f) => f.path === 'name')
    error.textContent = field ? field.message : failure.message
    error.hidden = false
    name.setAttribute('aria-invalid', 'true')
    name.focus()
  })
}

function askName(button) {
  const cell = button.closest('td')
  const open = cell.querySelector('.rename input')
  if (open) return open.focus()
  const id = 'rename-' + button.closest('tr').dataset.campaign
  const wrap = document.createElement('span')
  wrap.className = 'rename'
  const label = document.createElement('label')
  label.htmlFor = id
  label.textContent = 'New name'
  const input = document.createElement('input')
  input.id = id
  input.value = button.dataset.name
  const save = document.createElement('button')
  save.type = 'button'
  save.className = 'small'
  save.textContent = 'Save name'
  save.addEventListener('click', async () => {
    const result = await api('PATCH', button.dataset.url, {
      name: input.value,
      version: Number(button.dataset.version),
    })
    if (result.ok) return window.location.reload()
    input.setAttribute('aria-invalid', 'true')
    announce((result.data && result.data.error && result.data.error.message) || 'Failed.')
    input.focus()
  })
  wrap.append(label, ' ', input, ' ', save)
  cell.appendChild(wrap)
  input.focus()
  input.select()
}

function initCampaignActions() {
  document.addEventListener('click', async (event) => {
    const button = event.target.closest && event.target.closest('button[data-campaign-action]')
    if (!button) return
    const action = button.dataset.campaignAction
    if (action === 'rename') return askName(button)
    button.disabled = true
    const body = button.dataset.version ? { version: Number(button.dataset.version) } : {}
    const result = await api('POST', button.dataset.url, body)
    if (result.ok && action === 'duplicate') {
      window.location.assign(window.location.pathname + '/' + result.data.id)
      return
    }
    if (result.ok) return window.location.reload()
    button.disabled = false
    announce((result.data && result.data.error && result.data.error.message) || 'Failed.')
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
  const create = byId('new-campaign')
  if (create) initNewCampaign(create)
  initCampaignActions()
  initActions()
  const runs = byId('sync-runs')
  if (runs) initSync(runs)
})
