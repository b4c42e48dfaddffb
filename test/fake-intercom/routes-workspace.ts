import express, { type Router } from 'express'
import type { FakeContext } from './context.js'
import { badRequest, notFound } from './errors.js'
import type { FakeDataAttribute, FakeDataType } from './types.js'
import { asObject } from './validate.js'

const DATA_TYPES = new Set<FakeDataType>([
  'string',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'options',
])
// Intercom documents "alphanumeric characters, currency symbols, and hyphens", yet its own examples
// use underscores; both are accepted here.
const ATTRIBUTE_NAME = /^[\p{L}\p{N}\p{Sc}_\- ]{1,190}$/u

/** Creates a custom contact attribute as POST /data_attributes does; shared with the controls. */
export function createDataAttribute(ctx: FakeContext, input: unknown): FakeDataAttribute {
  const body = asObject(input)
  const { name, model, data_type: dataType } = body
  if (typeof name !== 'string' || name.trim() === '') {
    throw badRequest('name is required', 'parameter_missing')
  }
  if (!ATTRIBUTE_NAME.test(name)) {
    throw badRequest(
      'name must only contain alphanumeric characters, currency symbols, and hyphens',
    )
  }
  if (model !== 'contact' && model !== 'company') {
    throw badRequest(`model must be 'contact' or 'company', got ${JSON.stringify(model)}`)
  }
  if (typeof dataType !== 'string' || !DATA_TYPES.has(dataType as FakeDataType)) {
    throw badRequest(`data_type ${JSON.stringify(dataType)} is not supported`)
  }
  let options: { value: string }[] | undefined
  if (dataType === 'options') {
    if (!Array.isArray(body.options) || body.options.length < 2) {
      throw badRequest('options needs at least two values')
    }
    options = (body.options as { value?: unknown }[]).map((o) => ({ value: String(o.value) }))
  }
  // Names are unique across the contact and company models.
  if (ctx.state.dataAttributes.has(name)) {
    throw badRequest(
      `You already have '${name}' in your workspace: an attribute with this name already exists`,
    )
  }
  const now = ctx.nowSeconds()
  const attribute: FakeDataAttribute = {
    type: 'data_attribute',
    id: ctx.state.nextAttributeId++,
    name,
    full_name: `custom_attributes.${name}`,
    label: name,
    description: typeof body.description === 'string' ? body.description : '',
    data_type: dataType as FakeDataType,
    model,
    custom: true,
    archived: false,
    api_writable: true,
    ui_writable: true,
    messenger_writable: body.messenger_writable === true,
    ...(options ? { options } : {}),
    created_at: now,
    updated_at: now,
  }
  ctx.state.dataAttributes.set(name, attribute)
  return attribute
}

export function workspaceRoutes(ctx: FakeContext): Router {
  const router = express.Router()

  // GET /data_attributes?model=contact — standard and custom attributes
  router.get('/data_attributes', (req, res) => {
    const model = req.query.model
    if (model !== undefined && model !== 'contact' && model !== 'company') {
      throw badRequest(`model ${JSON.stringify(model)} is not supported`)
    }
    const includeArchived = req.query.include_archived === 'true'
    const data = [...ctx.state.dataAttributes.values()].filter(
      (a) => (model === undefined || a.model === model) && (includeArchived || !a.archived),
    )
    res.json({ type: 'list', data })
  })

  // POST /data_attributes — create a custom attribute; an existing name is a 400
  router.post('/data_attributes', (req, res) => {
    res.json(createDataAttribute(ctx, req.body))
  })

  // GET /segments?include_count=true
  router.get('/segments', (req, res) => {
    const withCount = req.query.include_count === 'true'
    const counts = new Map<string, number>()
    if (withCount) {
      for (const segments of ctx.state.memberships.values()) {
        for (const id of segments) counts.set(id, (counts.get(id) ?? 0) + 1)
      }
    }
    const segments = [...ctx.state.segments.values()].map((s) => ({
      ...s,
      ...(withCount ? { count: counts.get(s.id) ?? 0 } : {}),
    }))
    res.json({ type: 'segment.list', segments })
  })

  // POST /events — a data event on a contact (by id, user_id or email); 202, empty body
  router.post('/events', (req, res) => {
    const body = asObject(req.body)
    const { event_name: eventName, created_at: createdAt } = body
    if (typeof eventName !== 'string' || eventName === '') {
      throw badRequest('event_name is required', 'parameter_missing')
    }
    if (typeof createdAt !== 'number' || !Number.isInteger(createdAt)) {
      throw badRequest('created_at must be a Unix timestamp in seconds', 'parameter_invalid')
    }
    const contacts = [...ctx.state.contacts.values()]
    const contact =
      typeof body.id === 'string'
        ? ctx.state.contacts.get(body.id)
        : typeof body.user_id === 'string'
          ? contacts.find((c) => c.external_id === body.user_id)
          : typeof body.email === 'string'
            ? contacts.find((c) => c.role === 'user' && c.email === body.email)
            : undefined
    if (!contact) throw notFound('User Not Found')
    const metadata = body.metadata === undefined ? {} : asObject(body.metadata)
    // (workspace, contact, event name, created_at) de-duplicates; a duplicate is still a 202.
    const duplicate = ctx.state.events.some(
      (e) =>
        e.contact_id === contact.id && e.event_name === eventName && e.created_at === createdAt,
    )
    if (!duplicate) {
      ctx.state.events.push({
        event_name: eventName,
        created_at: createdAt,
        contact_id: contact.id,
        // At most 10 metadata keys are kept, the first by order.
        metadata: Object.fromEntries(Object.entries(metadata).slice(0, 10)),
      })
    }
    res.status(202).end()
  })

  return router
}
