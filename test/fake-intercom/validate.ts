import { badRequest } from './errors.js'
import type { FakeState } from './state.js'
import type { FakeDataAttribute } from './types.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** Refuses unknown custom attributes and values of the wrong type, as a strict Intercom would. */
export function checkCustomAttributes(state: FakeState, value: unknown): Record<string, unknown> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('custom_attributes must be an object')
  }
  const checked: Record<string, unknown> = {}
  for (const [name, attributeValue] of Object.entries(value as Record<string, unknown>)) {
    const attribute = state.dataAttributes.get(name)
    if (!attribute || !attribute.custom || attribute.model !== 'contact') {
      throw badRequest(`Custom attribute '${name}' does not exist`)
    }
    if (attribute.archived) throw badRequest(`Custom attribute '${name}' is archived`)
    if (attributeValue !== null && !fitsType(attribute, attributeValue)) {
      throw badRequest(
        `Custom attribute '${name}' expects a ${attribute.data_type} value, got ${JSON.stringify(attributeValue)}`,
        'type_mismatch',
      )
    }
    checked[name] = attributeValue
  }
  return checked
}

function fitsType(attribute: FakeDataAttribute, value: unknown): boolean {
  switch (attribute.data_type) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'float':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'date':
    case 'datetime':
      // Unix seconds, or an ISO-8601 string.
      return (
        (typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
        (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))
      )
    case 'options':
      return typeof value === 'string' && (attribute.options ?? []).some((o) => o.value === value)
  }
}

export function optionalString(
  body: Record<string, unknown>,
  key: string,
): string | null | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`)
  return value
}

export function optionalRole(body: Record<string, unknown>): 'user' | 'lead' | undefined {
  const role = body.role
  if (role === undefined) return undefined
  if (role !== 'user' && role !== 'lead') {
    throw badRequest(`role must be 'user' or 'lead', got ${JSON.stringify(role)}`)
  }
  return role
}

export function asObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object', 'bad_request')
  }
  return body as Record<string, unknown>
}
