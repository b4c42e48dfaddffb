import { badRequest } from './errors.js'
import type { FakeState } from './state.js'
import type { FakeContact } from './types.js'

const MAX_PER_PAGE = 150
const MAX_FILTERS_PER_GROUP = 15
const TIME_FIELDS = new Set(['created_at', 'updated_at', 'signed_up_at', 'last_seen_at'])
const TEXT_FIELDS = new Set(['id', 'role', 'name', 'email', 'phone', 'external_id'])
const OPERATORS = new Set(['=', '!=', 'IN', 'NIN', '>', '<', '~', '!~', '^', '$'])

type Predicate = (contact: FakeContact) => boolean

/** Compiles an Intercom search query, refusing what Intercom refuses (unknown fields, deep nesting). */
export function compileQuery(state: FakeState, query: unknown, depth = 0): Predicate {
  if (query === null || typeof query !== 'object') throw badRequest('query must be an object')
  const node = query as Record<string, unknown>
  if ((node.operator === 'AND' || node.operator === 'OR') && Array.isArray(node.value)) {
    if (depth >= 2) throw badRequest('Search queries can be nested at most 2 levels deep')
    if (node.value.length > MAX_FILTERS_PER_GROUP) {
      throw badRequest(`At most ${MAX_FILTERS_PER_GROUP} filters are allowed per group`)
    }
    const parts = node.value.map((child) => compileQuery(state, child, depth + 1))
    return node.operator === 'AND'
      ? (c) => parts.every((p) => p(c))
      : (c) => parts.some((p) => p(c))
  }
  return compileFilter(state, node)
}

function compileFilter(state: FakeState, node: Record<string, unknown>): Predicate {
  const { field, operator, value } = node
  if (typeof field !== 'string') throw badRequest('Each filter needs a field')
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    throw badRequest(`Unsupported operator ${JSON.stringify(operator)}`)
  }
  if (field === 'segment_id') return segmentFilter(state, operator, value)
  const read = fieldReader(state, field)
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(value)) throw badRequest(`${operator} needs an array value`)
    const set = new Set(value.map(normalize))
    return operator === 'IN'
      ? (c) => set.has(normalize(read(c)))
      : (c) => !set.has(normalize(read(c)))
  }
  if (operator === '>' || operator === '<') {
    const bound = Number(value)
    if (!Number.isFinite(bound)) throw badRequest(`${operator} needs a number or timestamp`)
    return (c) => {
      const v = read(c)
      if (typeof v !== 'number') return false
      return operator === '>' ? v > bound : v < bound
    }
  }
  const wanted = normalize(value)
  switch (operator) {
    case '=':
      return (c) => normalize(read(c)) === wanted
    case '!=':
      return (c) => normalize(read(c)) !== wanted
    case '~':
      return (c) => String(normalize(read(c)) ?? '').includes(String(wanted))
    case '!~':
      return (c) => !String(normalize(read(c)) ?? '').includes(String(wanted))
    case '^':
      return (c) => String(normalize(read(c)) ?? '').startsWith(String(wanted))
    default:
      return (c) => String(normalize(read(c)) ?? '').endsWith(String(wanted))
  }
}

function fieldReader(state: FakeState, field: string): (c: FakeContact) => unknown {
  if (field === 'email_domain') return (c) => c.email?.split('@')[1] ?? null
  if (TEXT_FIELDS.has(field) || TIME_FIELDS.has(field)) {
    return (c) => c[field as keyof FakeContact] ?? null
  }
  if (field.startsWith('custom_attributes.')) {
    const name = field.slice('custom_attributes.'.length)
    const attribute = state.dataAttributes.get(name)
    if (!attribute?.custom) throw badRequest(`Custom attribute '${name}' does not exist`)
    return (c) => c.custom_attributes[name] ?? null
  }
  throw badRequest(`Unsupported search field '${field}'`)
}

// Membership is a set: `segment_id = X` asks whether the contact is in X.
function segmentFilter(state: FakeState, operator: string, value: unknown): Predicate {
  const ids = Array.isArray(value) ? value.map(String) : [String(value)]
  for (const id of ids) {
    if (!state.segments.has(id)) throw badRequest(`Segment '${id}' does not exist`)
  }
  const inAny = (c: FakeContact) => ids.some((id) => state.memberships.get(c.id)?.has(id) ?? false)
  if (operator === '=' || operator === 'IN') return inAny
  if (operator === '!=' || operator === 'NIN') return (c) => !inAny(c)
  throw badRequest(`Operator ${operator} is not supported for segment_id`)
}

function normalize(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value
}

export interface PageRequest {
  perPage: number
  startingAfter: string | null
  sortField: string
  descending: boolean
}

export function parsePagination(pagination: unknown, sort: unknown): PageRequest {
  const p = (pagination ?? {}) as Record<string, unknown>
  const perPage = p.per_page === undefined ? 50 : Number(p.per_page)
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw badRequest(`per_page must be an integer between 1 and ${MAX_PER_PAGE}`)
  }
  const startingAfter = p.starting_after
  if (startingAfter !== undefined && startingAfter !== null && typeof startingAfter !== 'string') {
    throw badRequest('starting_after must be a string')
  }
  const s = (sort ?? {}) as Record<string, unknown>
  const sortField = s.field === undefined ? 'created_at' : String(s.field)
  if (!TIME_FIELDS.has(sortField) && !TEXT_FIELDS.has(sortField)) {
    throw badRequest(`Unsupported sort field '${sortField}'`)
  }
  const order = s.order ?? (s.field === undefined ? 'descending' : 'ascending')
  if (order !== 'ascending' && order !== 'descending') {
    throw badRequest("sort.order must be 'ascending' or 'descending'")
  }
  return {
    perPage,
    startingAfter: startingAfter ?? null,
    sortField,
    descending: order === 'descending',
  }
}

/** One page by keyset (sort value, id): cursors stay valid however many contacts are added. */
export function pageOf(
  contacts: FakeContact[],
  request: PageRequest,
): { data: FakeContact[]; totalCount: number; page: number; next: string | null } {
  const key = (c: FakeContact) =>
    (c[request.sortField as keyof FakeContact] ?? '') as string | number
  const sign = request.descending ? -1 : 1
  const compare = (a: FakeContact, b: FakeContact) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign
  }
  let rest = contacts
  let page = 1
  if (request.startingAfter) {
    const cursor = decodeCursor(request.startingAfter)
    const anchor = { [request.sortField]: cursor.value, id: cursor.id } as unknown as FakeContact
    // Only what sorts after the cursor is sorted: later pages get cheaper.
    rest = contacts.filter((c) => compare(c, anchor) > 0)
    page = cursor.page + 1
  }
  const data = [...rest].sort(compare).slice(0, request.perPage)
  const last = data[data.length - 1]
  const next =
    last && rest.length > request.perPage
      ? encodeCursor({ value: key(last), id: last.id, page })
      : null
  return { data, totalCount: contacts.length, page, next }
}

interface Cursor {
  value: string | number
  id: string
  page: number
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id, cursor.page])).toString('base64')
}

function decodeCursor(text: string): Cursor {
  try {
    const [value, id, page] = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown[]
    if ((typeof value === 'string' || typeof value === 'number') && typeof id === 'string') {
      return { value, id, page: Number(page) || 1 }
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('starting_after is not a valid cursor')
}
