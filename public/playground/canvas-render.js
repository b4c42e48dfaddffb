// Canvas Kit components as HTML: the one renderer of the playground and the dashboard's preview.
// CanvasRender.render(root, components, act) draws them; act(componentId, action) runs a click.
;(function () {
  'use strict'

  function option(text, value) {
    var node = document.createElement('option')
    node.textContent = text
    node.value = value
    return node
  }

  /**
   * Canvas Kit text allows **bold** and [links](url) only; everything else is literal. A backslash
   * escape (CommonMark: https://spec.commonmark.org/0.31.2/#backslash-escapes) is the character
   * itself and never markup: the app escapes what people typed that way.
   */
  function markdown(parent, text) {
    var escaped = []
    var hidden = text.replace(/\\([!-/:-@[-`{-~])/g, function (_, char) {
      escaped.push(char)
      return String.fromCharCode(0xe000 + escaped.length - 1)
    })
    var literal = function (value) {
      return value.replace(/[\ue000-\uf8ff]/g, function (mark) {
        return escaped[mark.charCodeAt(0) - 0xe000]
      })
    }
    var pattern = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g
    var last = 0
    var match
    while ((match = pattern.exec(hidden))) {
      parent.appendChild(document.createTextNode(literal(hidden.slice(last, match.index))))
      if (match[1] !== undefined) {
        var strong = document.createElement('strong')
        strong.textContent = literal(match[1])
        parent.appendChild(strong)
      } else {
        var a = document.createElement('a')
        a.textContent = literal(match[2])
        a.href = literal(match[3])
        a.target = '_blank'
        a.rel = 'noopener'
        parent.appendChild(a)
      }
      last = pattern.lastIndex
    }
    parent.appendChild(document.createTextNode(literal(hidden.slice(last))))
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

  function renderOne(c, act) {
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
          act(c.id, c.action)
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
            act(c.id, c.action)
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
            act(c.id, c.action)
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
              act(item.id, item.action)
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

  function render(root, components, act) {
    root.textContent = ''
    components.forEach(function (c) {
      root.appendChild(renderOne(c, act || function () {}))
    })
  }

  window.CanvasRender = { render: render }
})()
