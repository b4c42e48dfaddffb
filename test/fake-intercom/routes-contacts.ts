import express, { type Router } from 'express'
import type { FakeContext } from './context.js'
import { FakeHttpError, badRequest, notFound } from './errors.js'
import { compileQuery, pageOf, parsePagination, type PageRequest } from './search.js'
import { blankContact, findDuplicate } from './state.js'
import type { FakeContact } from './types.js'
import { asObject, checkCustomAttributes, optionalRole, optionalString } from './validate.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The contact as the API returns it (a copy, so callers cannot mutate the store). */
export function contactView(contact: FakeContact): Record<string, unknown> {
  return {
    ...structuredClone(contact),
    tags: {
      type: 'list',
      data: [],
      url: `/contacts/${contact.id}/tags`,
      total_count: 0,
      has_more: false,
    },
    notes: {
      type: 'list',
      data: [],
      url: `/contacts/${contact.id}/notes`,
      total_count: 0,
      has_more: false,
    },
    companies: {
      type: 'list',
      data: [],
      url: `/contacts/${contact.id}/companies`,
      total_count: 0,
      has_more: false,
    },
  }
}

function conflict(existing: FakeContact): FakeHttpError {
  return new FakeHttpError(
    409,
    'conflict',
    `A contact matching those details already exists with id=${existing.id}`,
  )
}

function readEmail(body: Record<string, unknown>): string | null | undefined {
  const email = optionalString(body, 'email')
  if (email && !EMAIL.test(email)) throw badRequest(`Invalid email '${email}'`)
  return email
}

/** Creates a contact as POST /contacts does; shared with the test controls. */
export function createContact(ctx: FakeContext, input: unknown): FakeContact {
  const body = asObject(input)
  const role = optionalRole(body)
  const email = readEmail(body)
  const externalId = optionalString(body, 'external_id')
  if (!role && !email && !externalId) {
    throw badRequest('At least one of email, external_id or role is required', 'parameter_missing')
  }
  const customAttributes = checkCustomAttributes(ctx.state, body.custom_attributes)
  const candidate = { role: role ?? 'user', email: email ?? null, external_id: externalId ?? null }
  const existing = findDuplicate(ctx.state, candidate)
  if (existing) throw conflict(existing)
  const contact = blankContact(
    ctx.state,
    {
      ...candidate,
      name: optionalString(body, 'name') ?? null,
      phone: optionalString(body, 'phone') ?? null,
      custom_attributes: customAttributes,
    },
    ctx.nowSeconds(),
  )
  ctx.state.contacts.set(contact.id, contact)
  ctx.state.creates.push({ contactId: contact.id, body, at: ctx.nowMs() })
  ctx.webhooks.notify(contact, 'created')
  return contact
}

/** Updates a contact as PUT /contacts/:id does: given custom attributes are merged. */
export function updateContact(ctx: FakeContext, id: string, input: unknown): FakeContact {
  const contact = ctx.state.contacts.get(id)
  if (!contact) throw notFound('Contact Not Found')
  const body = asObject(input)
  const role = optionalRole(body)
  const email = readEmail(body)
  const externalId = optionalString(body, 'external_id')
  const customAttributes = checkCustomAttributes(ctx.state, body.custom_attributes)
  const next = {
    role: role ?? contact.role,
    email: email === undefined ? contact.email : email,
    external_id: externalId === undefined ? contact.external_id : externalId,
  }
  const existing = findDuplicate(ctx.state, next, contact.id)
  if (existing) throw conflict(existing)
  Object.assign(contact, next)
  const name = optionalString(body, 'name')
  if (name !== undefined) contact.name = name
  const phone = optionalString(body, 'phone')
  if (phone !== undefined) contact.phone = phone
  Object.assign(contact.custom_attributes, customAttributes)
  contact.updated_at = ctx.nowSeconds()
  ctx.state.puts.push({ contactId: id, body, at: ctx.nowMs() })
  ctx.webhooks.notify(contact, 'updated')
  return contact
}

function listResponse(contacts: FakeContact[], request: PageRequest): Record<string, unknown> {
  const page = pageOf(contacts, request)
  return {
    type: 'list',
    data: page.data.map(contactView),
    total_count: page.totalCount,
    pages: {
      type: 'pages',
      page: page.page,
      per_page: request.perPage,
      total_pages: Math.ceil(page.totalCount / request.perPage),
      ...(page.next ? { next: { page: page.page + 1, starting_after: page.next } } : {}),
    },
  }
}

export function contactRoutes(ctx: FakeContext): Router {
  const router = express.Router()

  // POST /contacts — create a user or lead; a duplicate is a 409 naming the existing id
  router.post('/contacts', (req, res) => {
    res.json(contactView(createContact(ctx, req.body)))
  })

  // POST /contacts/search — filters, keyset pagination up to 150, sort
  router.post('/contacts/search', (req, res) => {
    const body = asObject(req.body)
    if (body.query === undefined) throw badRequest('query is required', 'parameter_missing')
    const matches = compileQuery(ctx.state, body.query)
    const request = parsePagination(body.pagination, body.sort)
    const found = [...ctx.state.contacts.values()].filter(matches)
    res.json(listResponse(found, request))
  })

  // GET /contacts — every contact, newest first, cursor pagination
  router.get('/contacts', (req, res) => {
    const request = parsePagination(
      { per_page: req.query.per_page, starting_after: req.query.starting_after },
      undefined,
    )
    res.json(listResponse([...ctx.state.contacts.values()], request))
  })

  // GET /contacts/:id
  router.get('/contacts/:id', (req, res) => {
    const contact = ctx.state.contacts.get(req.params.id)
    if (!contact) throw notFound('Contact Not Found')
    res.json(contactView(contact))
  })

  // PUT /contacts/:id — merge the given fields and custom attributes
  router.put('/contacts/:id', (req, res) => {
    res.json(contactView(updateContact(ctx, req.params.id, req.body)))
  })

  return router
}
