import { describe, expect, it } from 'vitest'
import {
  canvasResponse,
  component,
  content,
  MAX_CANVAS_BYTES,
  storedData,
} from '../../canvas/schema.js'

const option = (id: string) => ({ type: 'option', id, text: id.toUpperCase() })
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`))

/** One of each of the twelve component types, all valid. */
const everyType = [
  { type: 'text', text: 'Hello **there**', style: 'header', align: 'center' },
  {
    type: 'image',
    url: 'https://example.com/a.png',
    width: 100,
    height: 50,
    action: { type: 'url', url: 'https://example.com' },
  },
  {
    type: 'data-table',
    items: [{ type: 'field-value', field: 'Link', value: 'https://x.test/r/a' }],
  },
  { type: 'divider' },
  { type: 'spacer', size: 'm' },
  { type: 'button', id: 'b', label: 'Go', action: { type: 'submit' }, style: 'secondary' },
  { type: 'input', id: 'i', label: 'Email', save_state: 'saved', action: { type: 'submit' } },
  { type: 'textarea', id: 't', error: true },
  { type: 'single-select', id: 's', options: options(2), value: 'o1' },
  { type: 'dropdown', id: 'd', options: options(10) },
  { type: 'checkbox', id: 'c', option: options(1), value: ['o0'] },
  {
    type: 'list',
    items: [
      {
        type: 'item',
        id: 'l1',
        title: 'One',
        image: 'https://example.com/i.png',
        image_width: 24,
        image_height: 24,
        action: { type: 'sheet', url: 'https://app.test/sheet' },
      },
    ],
  },
]

describe('canvas schema', () => {
  it('accepts a canvas using all twelve component types', () => {
    expect(content.safeParse({ components: everyType }).success).toBe(true)
    expect(new Set(everyType.map((c) => c.type)).size).toBe(12)
  })

  it.each([
    ['a button without an id', { type: 'button', label: 'x', action: { type: 'submit' } }],
    ['a button without an action', { type: 'button', id: 'b', label: 'x' }],
    ['a dropdown with one option', { type: 'dropdown', id: 'd', options: options(1) }],
    [
      'a single-select with eleven options',
      { type: 'single-select', id: 's', options: options(11) },
    ],
    ['a checkbox with no option', { type: 'checkbox', id: 'c', option: [] }],
    ['a checkbox using `options`', { type: 'checkbox', id: 'c', options: options(2) }],
    ['an image without a size', { type: 'image', url: 'https://example.com/a.png' }],
    [
      'an image with a submit action',
      {
        type: 'image',
        url: 'https://e.com/a.png',
        width: 1,
        height: 1,
        action: { type: 'submit' },
      },
    ],
    [
      'a list item image without a size',
      {
        type: 'list',
        items: [{ type: 'item', id: 'x', title: 'x', image: 'https://e.com/i.png' }],
      },
    ],
    [
      'a url action that is not a URL',
      { type: 'button', id: 'b', label: 'x', action: { type: 'url', url: 'not a url' } },
    ],
    [
      'a javascript: url action',
      { type: 'button', id: 'b', label: 'x', action: { type: 'url', url: 'javascript:alert(1)' } },
    ],
    ['an unknown action type', { type: 'button', id: 'b', label: 'x', action: { type: 'copy' } }],
    ['a datepicker (no such component)', { type: 'datepicker', id: 'd' }],
    ['a text style that does not exist', { type: 'text', text: 'x', style: 'bold' }],
    ['an unknown field', { type: 'divider', colour: 'red' }],
  ])('refuses %s', (_label, value) => {
    expect(component.safeParse(value).success).toBe(false)
  })

  it('accepts mailto: share actions', () => {
    const button = {
      type: 'button',
      id: 'b',
      label: 'Email',
      action: { type: 'url', url: 'mailto:?subject=Hi&body=x' },
    }
    expect(component.safeParse(button).success).toBe(true)
  })

  it('refuses two components with the same id', () => {
    const twice = { type: 'input', id: 'same' }
    expect(content.safeParse({ components: [twice, { ...twice }] }).success).toBe(false)
  })

  it('caps content and stored_data at 64 KB', () => {
    const big = 'x'.repeat(MAX_CANVAS_BYTES)
    expect(storedData.safeParse({ big }).success).toBe(false)
    expect(storedData.safeParse({ small: 'x'.repeat(1000) }).success).toBe(true)
    expect(content.safeParse({ components: [{ type: 'text', text: big }] }).success).toBe(false)
  })

  it('tells a static canvas, a live canvas and an event apart', () => {
    expect(
      canvasResponse.safeParse({ canvas: { content_url: 'https://a.test/live' } }).success,
    ).toBe(true)
    expect(
      canvasResponse.safeParse({
        canvas: { content: { components: [everyType[0]] } },
        event: { type: 'completed' },
      }).success,
    ).toBe(true)
    expect(
      canvasResponse.safeParse({
        canvas: { content: { components: [everyType[0]] } },
        event: { type: 'done' },
      }).success,
    ).toBe(false)
    expect(canvasResponse.safeParse({ canvas: { content: { components: [] } } }).success).toBe(
      false,
    )
  })
})
