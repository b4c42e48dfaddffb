// The playground's client: renders Canvas Kit components as HTML and plays Intercom's part
// (initialize → live canvas → submit) through /playground/api, which signs and forwards to the app.
;(function () {
  'use strict'

  var SAMPLES = [
    { id: 'pg_ada', name: 'Ada Lovelace', email: 'ada@playground.test' },
    { id: 'pg_grace', name: 'Grace Hopper', email: 'grace@playground.test' },
    { id: 'pg_alan', name: 'Alan Turing', email: 'alan@playground.test' },
  ]
  var created = []
  var surfaces = {
    messenger: { stored: {}, el: document.getElementById('messenger') },
    inbox: { stored: {}, el: document.getElementById('inbox') },
  }
  var picker = document.getElementById('contact')
  var localePicker = document.getElementById('locale')

  function option(text, value) {
    var node = document.createElement('option')
    node.textContent = text
    node.value = value
    return node
  }

  function allContacts() {
    return SAMPLES.concat(created)
  }

  function fillPicker(selectedId) {
    picker.textContent = ''
    allContacts().forEach(function (c) {
      picker.appendChild(option(c.name + ' <' + c.email + '>', c.id))
    })
    picker.appendChild(option('+ New contact', '__new__'))
    picker.value = selectedId
  }

  function currentContact() {
    var id = picker.value
    return (
      allContacts().filter(function (c) {
        return c.id === id
      })[0] || SAMPLES[0]
    )
  }

  function newContact() {
    var tag = Math.random().toString(36).slice(2, 8)
    var contact = {
      id: 'pg_new_' + tag,
      name: 'Visitor ' + tag,
      email: 'visitor-' + tag + '@playground.test',
    }
    created.push(contact)
    fillPicker(contact.id)
    return contact
  }

  function status(surface, text) {
    document.getElementById(surface + '-status').textContent = text
  }

  function call(surface, step, extra) {
    var body = Object.assign({ contact: currentContact(), locale: localePicker.value }, extra || {})
    return fetch('/playground/api/' + surface + '/' + step, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(function (json) {
        document.getElementById('last').textContent = JSON.stringify(json, null, 2)
        if (!res.ok) throw new Error((json.error && json.error.message) || 'HTTP ' + res.status)
        return json.response === undefined ? json : json.response
      })
    })
  }

  // --- rendering ---------------------------------------------------------------------------

  /** Canvas Kit text allows **bold** and [links](url) only; everything else is literal. */
  function markdown(parent, text) {
    var pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
    var last = 0
    var match
    while ((match = pattern.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)))
      if (match[1] !== undefined) {
        var strong = document.createElement('strong')
        strong.textContent = match[1]
        parent.appendChild(strong)
      } else {
        var a = document.createElement('a')
        a.textContent = match[2]
        a.href = match[3]
        a.target = '_blank'
        a.rel = 'noopener'
        parent.appendChild(a)
      }
      last = pattern.lastIndex
    }
    parent.appendChild(document.createTextNode(text.slice(last)))
  }

  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function field(component, control) {
    var wrap = el(
      'label',
      'c-field ' + (component.save_state || '') + (component.error ? ' error' : ''),
    )
    if (component.label) wrap.appendChild(el('span', '', component.label))
    wrap.appendChild(control)
    return wrap
  }

  function render(surface, components) {
    var root = surfaces[surface].el
    root.textContent = ''
    components.forEach(function (c) {
      root.appendChild(renderOne(surface, c))
    })
  }

  function renderOne(surface, c) {
    switch (c.type) {
      case 'text': {
        var p = el('p', 'c-text ' + (c.style || 'paragraph'))
        if (c.align) p.style.textAlign = c.align
        markdown(p, c.text)
        return p
      }
      case 'data-table': {
        var table = el('table', 'c-table')
        c.items.forEach(function (item) {
          var tr = document.createElement('tr')
          tr.appendChild(el('th', '', item.field))
          tr.appendChild(el('td', '', item.value))
          table.appendChild(tr)
        })
        return table
      }
      case 'button': {
        var button = el('button', 'c-button ' + (c.style || 'primary'), c.label)
        button.type = 'button'
        button.dataset.componentId = c.id
        button.disabled = Boolean(c.disabled)
        button.addEventListener('click', function () {
          act(surface, c.id, c.action)
        })
        return button
      }
      case 'input': {
        var input = document.createElement('input')
        input.type = 'text'
        input.name = c.id
        input.dataset.inputId = c.id
        input.value = c.value || ''
        input.placeholder = c.placeholder || ''
        input.disabled = Boolean(c.disabled) || c.save_state === 'saved'
        var wrapped = field(c, input)
        if (c.save_state === 'saved') wrapped.appendChild(el('span', 'saved-mark', '✓ saved'))
        if (c.action && c.save_state !== 'saved') {
          var go = el('button', 'c-button secondary', '→')
          go.type = 'button'
          go.addEventListener('click', function () {
            act(surface, c.id, c.action)
          })
          wrapped.appendChild(go)
        }
        return wrapped
      }
      case 'textarea': {
        var area = document.createElement('textarea')
        area.name = c.id
        area.dataset.inputId = c.id
        area.value = c.value || ''
        area.placeholder = c.placeholder || ''
        area.disabled = Boolean(c.disabled)
        return field(c, area)
      }
      case 'dropdown':
      case 'single-select': {
        var select = document.createElement('select')
        select.name = c.id
        select.dataset.inputId = c.id
        c.options.forEach(function (o) {
          var choice = option(o.text, o.id)
          choice.disabled = Boolean(o.disabled)
          select.appendChild(choice)
        })
        if (c.value) select.value = c.value
        if (c.action)
          select.addEventListener('change', function () {
            act(surface, c.id, c.action)
          })
        return field(c, select)
      }
      case 'checkbox': {
        var box = el('div', 'c-options')
        box.dataset.checkboxId = c.id
        c.option.forEach(function (o) {
          var label = el('label')
          var check = document.createElement('input')
          check.type = 'checkbox'
          check.value = o.id
          check.checked = (c.value || []).indexOf(o.id) >= 0
          label.appendChild(check)
          label.appendChild(document.createTextNode(' ' + o.text))
          box.appendChild(label)
        })
        return field(c, box)
      }
      case 'list': {
        var ul = el('ul', 'c-list')
        c.items.forEach(function (item) {
          var li = el('li', '', item.title)
          li.dataset.componentId = item.id
          if (item.subtitle) li.appendChild(el('small', '', item.subtitle))
          if (item.tertiary_text) li.appendChild(el('small', '', item.tertiary_text))
          if (item.action && !item.disabled)
            li.addEventListener('click', function () {
              act(surface, item.id, item.action)
            })
          ul.appendChild(li)
        })
        return ul
      }
      case 'divider':
        return el('hr', 'c-divider')
      case 'spacer':
        return el('div', 'c-spacer')
      case 'image': {
        var img = document.createElement('img')
        img.src = c.url
        img.width = c.width
        img.height = c.height
        return img
      }
      default:
        return el('p', 'c-text error', 'Unknown component: ' + c.type)
    }
  }

  function inputValues(surface) {
    var values = {}
    var root = surfaces[surface].el
    root.querySelectorAll('[data-input-id]').forEach(function (node) {
      values[node.dataset.inputId] = node.value
    })
    root.querySelectorAll('[data-checkbox-id]').forEach(function (box) {
      values[box.dataset.checkboxId] = Array.prototype.filter
        .call(box.querySelectorAll('input'), function (i) {
          return i.checked
        })
        .map(function (i) {
          return i.value
        })
    })
    return values
  }

  // --- actions -------------------------------------------------------------------------------

  function act(surface, componentId, action) {
    if (!action) return
    if (action.type === 'url') {
      window.open(action.url, '_blank', 'noopener')
      return
    }
    if (action.type === 'sheet') {
      openSheet()
      return
    }
    status(surface, 'Submitting…')
    call(surface, 'submit', {
      component_id: componentId,
      input_values: inputValues(surface),
      stored_data: surfaces[surface].stored,
    })
      .then(function (response) {
        showCanvas(surface, response)
        if (response.event && response.event.type === 'completed')
          status(surface, 'event: completed')
        // The other surface shows the same person: refresh it so the change is visible there too.
        return surface === 'messenger' ? loadInbox() : loadMessenger()
      })
      .catch(function (error) {
        status(surface, 'Error: ' + error.message)
      })
  }

  /** Posts the (server-encrypted) intercom_data to the sheet URL in a new tab, as the Messenger does. */
  function openSheet() {
    call('messenger', 'sheet', { stored_data: surfaces.messenger.stored }).then(function (sheet) {
      var form = document.createElement('form')
      form.method = 'POST'
      form.action = sheet.action
      form.target = '_blank'
      var field = document.createElement('input')
      field.type = 'hidden'
      field.name = 'intercom_data'
      field.value = sheet.intercom_data
      form.appendChild(field)
      document.body.appendChild(form)
      form.submit()
      form.remove()
    })
  }

  function showCanvas(surface, response) {
    var canvas = response.canvas || {}
    surfaces[surface].stored = canvas.stored_data || {}
    render(surface, (canvas.content && canvas.content.components) || [])
  }

  function loadMessenger() {
    status('messenger', 'Loading…')
    return call('messenger', 'initialize')
      .then(function (init) {
        surfaces.messenger.stored = (init.canvas && init.canvas.stored_data) || {}
        return call('messenger', 'live', { stored_data: surfaces.messenger.stored })
      })
      .then(function (live) {
        render('messenger', (live.content && live.content.components) || [])
        status('messenger', 'live canvas for ' + currentContact().name)
      })
      .catch(function (error) {
        status('messenger', 'Error: ' + error.message)
      })
  }

  function loadInbox() {
    status('inbox', 'Loading…')
    return call('inbox', 'initialize')
      .then(function (response) {
        showCanvas('inbox', response)
        status('inbox', 'conversation with ' + currentContact().name)
      })
      .catch(function (error) {
        status('inbox', 'Error: ' + error.message)
      })
  }

  function reload() {
    return Promise.all([loadMessenger(), loadInbox()])
  }

  picker.addEventListener('change', function () {
    if (picker.value === '__new__') newContact()
    reload()
  })
  localePicker.addEventListener('change', reload)
  document.getElementById('reload').addEventListener('click', reload)
  fillPicker(SAMPLES[0].id)
  reload()
})()
