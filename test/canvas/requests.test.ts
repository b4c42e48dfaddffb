import { describe, expect, it } from 'vitest'
import {
  inboxRequest,
  inputList,
  inputText,
  messengerSubmitRequest,
  workspaceIdOf,
} from '../../canvas/requests.js'

describe('Intercom request schemas', () => {
  it('reads current_canvas as the docs show it and as the OpenAPI nests it', () => {
    const docs = messengerSubmitRequest.parse({ current_canvas: { stored_data: { a: 1 } } })
    const openApi = messengerSubmitRequest.parse({
      current_canvas: { current_canvas: { stored_data: { a: 2 } } },
    })
    expect(docs.current_canvas?.stored_data).toEqual({ a: 1 })
    expect(openApi.current_canvas?.stored_data).toEqual({ a: 2 })
  })

  it('names the workspace by workspace_id, or app_id in old payloads', () => {
    expect(workspaceIdOf(messengerSubmitRequest.parse({ workspace_id: 'abc' }))).toBe('abc')
    expect(workspaceIdOf(messengerSubmitRequest.parse({ app_id: 'old' }))).toBe('old')
    expect(workspaceIdOf(messengerSubmitRequest.parse({}))).toBeNull()
  })

  it('accepts numeric ids, unknown fields, and `customer` for the Inbox contact', () => {
    const body = inboxRequest.parse({
      customer: { id: 42, email: 'x@y.z', extra: true },
      admin: { id: 7 },
      novel: 1,
    })
    expect(body.customer?.id).toBe('42')
    expect(body.admin?.id).toBe('7')
  })

  it('reads input values as text or lists', () => {
    const values = { a: '  x  ', n: 3, list: ['p', 'q'], one: 'p', none: null }
    expect(inputText(values, 'a')).toBe('x')
    expect(inputText(values, 'n')).toBe('3')
    expect(inputText(values, 'list')).toBe('')
    expect(inputText(values, 'missing')).toBe('')
    expect(inputList(values, 'list')).toEqual(['p', 'q'])
    expect(inputList(values, 'one')).toEqual(['p'])
    expect(inputList(values, 'none')).toEqual([])
  })
})
