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

  // --- rendering (public/playground/canvas-render.js) -----------------------------------------

  function render(surface, components) {
    window.CanvasRender.render(surfaces[surface].el, components, function (id, action) {
      act(surface, id, action)
    })
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
