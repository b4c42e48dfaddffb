import express, { type Request, type Router } from 'express'
import type { FakeContext } from './context.js'
import { FakeHttpError } from './errors.js'
import type { FakeContact } from './types.js'

// Intercom's Data Connectors API as its 2.16 reference describes it:
// https://developers.intercom.com/docs/references/2.16/rest-api/api.intercom.io/data-connectors/listdataconnectors
// (OpenAPI: https://github.com/intercom/Intercom-OpenAPI/blob/main/descriptions/2.16/api.intercom.io.yaml)
// (list, create, retrieve, update, delete; execution results), and how Intercom runs a connector:
// https://www.intercom.com/help/en/articles/9916497-how-to-set-up-data-connectors-for-fin

export const DATA_CONNECTORS_SCOPE = 'read_write_data_connectors'

const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch'])
const INPUT_TYPES = new Set(['string', 'integer', 'decimal', 'boolean'])
const AUDIENCES = new Set(['leads', 'users', 'visitors'])

export interface FakeDataInput {
  name: string
  type: 'string' | 'integer' | 'decimal' | 'boolean'
  description: string
  required: boolean
  default_value: string
}

export interface FakeDataConnector {
  type: 'data_connector'
  id: string
  name: string
  description: string
  state: 'draft' | 'live'
  http_method: 'get' | 'post' | 'put' | 'delete' | 'patch'
  url: string
  body: string | null
  headers: { name: string; value: string }[]
  data_inputs: FakeDataInput[]
  audiences: string[]
  direct_fin_usage: boolean
  execution_type: 'server_side'
  customer_authentication: boolean
  bypass_authentication: boolean
  validate_missing_attributes: boolean
  created_by_admin_id: string
  updated_by_admin_id: string
  created_at: string
  updated_at: string
  execution_results_url: string
}

export interface FakeExecutionResult {
  type: 'data_connector.execution'
  id: string
  data_connector_id: string
  success: boolean
  http_status: number | null
  http_method: string
  error_type: string | null
  error_message: string | null
  execution_time_ms: number
  request_url: string
  request_body: string | null
  response_body: string | null
  created_at: string
}

/** The connectors of the workspace, their runs, and what the workspace's Messenger is set up for. */
export interface FakeDataConnectorState {
  readonly connectors: Map<string, FakeDataConnector>
  readonly executions: FakeExecutionResult[]
  /** Connectors a workflow or procedure uses: DELETE answers 409 data_connector_in_use. */
  readonly inUse: Set<string>
  /** Messenger security (JWT) or e-mail verification: required to set a Fin connector live. */
  messengerSecurity: boolean
  nextId: number
  nextExecutionId: number
}

export function createDataConnectorState(): FakeDataConnectorState {
  return {
    connectors: new Map(),
    executions: [],
    inUse: new Set(),
    messengerSecurity: false,
    nextId: 125,
    nextExecutionId: 99_001,
  }
}

function invalid(message: string): FakeHttpError {
  return new FakeHttpError(422, 'parameter_invalid', message)
}

function notFound(): FakeHttpError {
  return new FakeHttpError(404, 'data_connector_not_found', 'Data connector not found')
}

/** 2.16 and later (and the Preview/Unstable versions) know the resource; older ones do not. */
function requireVersion(req: Request): void {
  const version = req.get('intercom-version') ?? ''
  const match = /^(\d+)\.(\d+)$/.exec(version)
  const known =
    version === 'Preview' ||
    version === 'Unstable' ||
    (match !== null && (Number(match[1]) > 2 || (match[1] === '2' && Number(match[2]) >= 16)))
  if (!known) throw new FakeHttpError(404, 'not_found', 'Resource Not Found')
}

function requireScope(ctx: FakeContext, token: string): void {
  const scopes = ctx.state.tokenScopes.get(token)
  if (scopes && !scopes.has(DATA_CONNECTORS_SCOPE)) {
    throw new FakeHttpError(
      403,
      'forbidden',
      `You do not have the required scope (${DATA_CONNECTORS_SCOPE}) to access this resource`,
    )
  }
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw invalid(`${field} must be a string`)
  if (value.length > max) throw invalid(`${field} is too long (maximum is ${max} characters)`)
  return value
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`${field} must be a boolean`)
  return value
}

/** Applies the fields of a create or update body to a connector, checking each as Intercom does. */
function applyFields(target: FakeDataConnector, body: Record<string, unknown>): void {
  if ('name' in body) {
    const name = text(body.name, 'name', 255).trim()
    if (!name) throw invalid('name is required')
    target.name = name
  }
  if ('description' in body) target.description = text(body.description, 'description', 4000)
  if ('http_method' in body) {
    const method = String(body.http_method)
    if (!HTTP_METHODS.has(method)) throw invalid(`http_method ${JSON.stringify(method)} is invalid`)
    target.http_method = method as FakeDataConnector['http_method']
  }
  if ('url' in body) {
    const url = text(body.url, 'url', 2000)
    if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
      throw invalid('url must be an https URL')
    }
    target.url = url
  }
  if ('body' in body) target.body = body.body === null ? null : text(body.body, 'body', 20_000)
  if ('headers' in body) {
    if (!Array.isArray(body.headers)) throw invalid('headers must be an array')
    target.headers = body.headers.map((header: unknown) => {
      const h = (header ?? {}) as Record<string, unknown>
      return {
        name: text(h.name, 'headers.name', 200),
        value: text(h.value, 'headers.value', 4000),
      }
    })
  }
  if ('data_inputs' in body) {
    if (!Array.isArray(body.data_inputs)) throw invalid('data_inputs must be an array')
    target.data_inputs = body.data_inputs.map((input: unknown) => {
      const i = (input ?? {}) as Record<string, unknown>
      const name = text(i.name, 'data_inputs.name', 100)
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw invalid(`data input name ${name} is invalid`)
      const type = String(i.type ?? 'string')
      if (!INPUT_TYPES.has(type)) throw invalid(`data input type ${type} is invalid`)
      return {
        name,
        type: type as FakeDataInput['type'],
        description: i.description === undefined ? '' : text(i.description, 'description', 1000),
        required: i.required === undefined ? false : bool(i.required, 'data_inputs.required'),
        default_value: i.default_value === undefined ? '' : String(i.default_value),
      }
    })
  }
  if ('audiences' in body) {
    if (!Array.isArray(body.audiences) || body.audiences.some((a) => !AUDIENCES.has(String(a)))) {
      throw invalid('audiences must be a list of leads, users and visitors')
    }
    target.audiences = [...new Set(body.audiences.map(String))]
  }
  for (const flag of [
    'direct_fin_usage',
    'customer_authentication',
    'bypass_authentication',
    'validate_missing_attributes',
  ] as const) {
    if (flag in body) target[flag] = bool(body[flag], flag)
  }
}

/** `[updated_at, id]` of the last item, base64: the shape the reference shows for its cursors. */
function cursorOf(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64')
}

function page<T extends { id: string }>(
  items: T[],
  sortKey: (item: T) => string,
  query: Request['query'],
): { data: T[]; pages: Record<string, unknown> } {
  const perPage = query.per_page === undefined ? 20 : Number(query.per_page)
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 50) {
    throw new FakeHttpError(400, 'client_error', 'per_page must be between 1 and 50')
  }
  let start = 0
  if (typeof query.starting_after === 'string' && query.starting_after !== '') {
    let after: unknown
    try {
      after = JSON.parse(Buffer.from(query.starting_after, 'base64').toString('utf8'))
    } catch {
      after = null
    }
    const index = Array.isArray(after)
      ? items.findIndex((item) => item.id === after[1] && sortKey(item) === after[0])
      : -1
    if (index < 0) {
      throw new FakeHttpError(
        400,
        'client_error',
        'Invalid starting_after param. Please try again using a starting_after value from a previous response.',
      )
    }
    start = index + 1
  }
  const data = items.slice(start, start + perPage)
  const last = data.at(-1)
  const more = start + perPage < items.length
  return {
    data,
    pages: {
      type: 'pages',
      per_page: perPage,
      ...(more && last ? { next: { starting_after: cursorOf(sortKey(last), last.id) } } : {}),
    },
  }
}

const newestFirst =
  <T extends { id: string }>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(b).localeCompare(key(a)) || Number(b.id) - Number(a.id)

export function dataConnectorRoutes(ctx: FakeContext): Router {
  const router = express.Router()
  const store = ctx.state.dataConnectors
  const iso = () => new Date(ctx.nowMs()).toISOString()
  const guard = (req: Request, token: unknown) => {
    requireVersion(req)
    requireScope(ctx, String(token))
  }
  const find = (id: string) => {
    const connector = store.connectors.get(id)
    if (!connector) throw notFound()
    return connector
  }

  // GET /data_connectors — ordered by updated_at descending, cursor-paginated
  router.get('/data_connectors', (req, res) => {
    guard(req, res.locals.token)
    const all = [...store.connectors.values()].sort(newestFirst((c) => c.updated_at))
    res.json({ type: 'list', ...page(all, (c) => c.updated_at, req.query) })
  })

  // POST /data_connectors — always created as a draft
  router.post('/data_connectors', (req, res) => {
    guard(req, res.locals.token)
    const body = (req.body ?? {}) as Record<string, unknown>
    if (typeof body.name !== 'string' || body.name.trim() === '') throw invalid('name is required')
    const id = String(store.nextId++)
    const now = iso()
    const connector: FakeDataConnector = {
      type: 'data_connector',
      id,
      name: '',
      description: '',
      state: 'draft',
      http_method: 'get',
      url: '',
      body: null,
      headers: [],
      data_inputs: [],
      audiences: [],
      direct_fin_usage: false,
      execution_type: 'server_side',
      customer_authentication: false,
      bypass_authentication: false,
      validate_missing_attributes: true,
      created_by_admin_id: '991267460',
      updated_by_admin_id: '991267460',
      created_at: now,
      updated_at: now,
      execution_results_url: `/data_connectors/${id}/execution_results`,
    }
    // `state` is not taken on create: a new connector is a draft until a PATCH sets it live.
    const { state: _ignored, ...fields } = body
    applyFields(connector, fields)
    store.connectors.set(id, connector)
    res.status(201).json(connector)
  })

  router.get('/data_connectors/:id', (req, res) => {
    guard(req, res.locals.token)
    res.json(find(req.params.id))
  })

  // PATCH /data_connectors/{id} — partial update; `state: live` publishes it
  router.patch('/data_connectors/:id', (req, res) => {
    guard(req, res.locals.token)
    const connector = find(req.params.id)
    const body = (req.body ?? {}) as Record<string, unknown>
    const next: FakeDataConnector = {
      ...connector,
      headers: [...connector.headers],
      data_inputs: [...connector.data_inputs],
    }
    applyFields(next, body)
    if ('state' in body) {
      if (body.state !== 'draft' && body.state !== 'live')
        throw invalid('state must be draft or live')
      if (body.state === 'live') {
        if (!next.url) throw invalid('A data connector needs a URL before it can be set live')
        if (next.direct_fin_usage && next.audiences.includes('users') && !store.messengerSecurity) {
          throw invalid(
            'Messenger security is not enabled: authenticate users in the Messenger with JSON web tokens (or turn on email verification) before setting this data connector live for Fin',
          )
        }
      }
      next.state = body.state
    }
    next.updated_at = iso()
    store.connectors.set(next.id, next)
    res.json(next)
  })

  router.delete('/data_connectors/:id', (req, res) => {
    guard(req, res.locals.token)
    const connector = find(req.params.id)
    if (store.inUse.has(connector.id)) {
      throw new FakeHttpError(
        409,
        'data_connector_in_use',
        'This data connector is used by a workflow or procedure and cannot be deleted',
      )
    }
    store.connectors.delete(connector.id)
    res.json({ type: 'data_connector', id: connector.id, deleted: true })
  })

  // GET /data_connectors/{id}/execution_results — newest first; bodies only with include_body
  router.get('/data_connectors/:id/execution_results', (req, res) => {
    guard(req, res.locals.token)
    const connector = find(req.params.id)
    const success =
      req.query.success === 'true' ? true : req.query.success === 'false' ? false : undefined
    const withBody = req.query.include_body === 'true'
    const runs = store.executions
      .filter((e) => e.data_connector_id === connector.id)
      .filter((e) => success === undefined || e.success === success)
      .sort(newestFirst((e) => e.created_at))
    const { data, pages } = page(runs, (e) => e.created_at, req.query)
    res.json({
      type: 'list',
      data: data.map((e) => (withBody ? e : { ...e, request_body: null, response_body: null })),
      pages,
    })
  })

  router.get('/data_connectors/:connectorId/execution_results/:id', (req, res) => {
    guard(req, res.locals.token)
    find(req.params.connectorId)
    const run = store.executions.find(
      (e) => e.id === req.params.id && e.data_connector_id === req.params.connectorId,
    )
    if (!run) throw new FakeHttpError(404, 'not_found', 'Execution result not found')
    res.json(run)
  })

  return router
}

/** The contact attributes a connector template can name, as `{{user.<name>}}`. */
function userAttributes(contact: FakeContact): Record<string, string> {
  const values: Record<string, string> = {
    id: contact.id,
    user_id: contact.external_id ?? '',
    email: contact.email ?? '',
    name: contact.name ?? '',
    role: contact.role,
    language_override: contact.language_override ?? '',
    browser_language: contact.browser_language ?? '',
  }
  for (const [name, value] of Object.entries(contact.custom_attributes)) {
    values[`custom_attributes.${name}`] = value === null ? '' : String(value)
  }
  return values
}

/** `{{user.x}}` from the contact, `{{x}}` from the data inputs Fin collected; unknown names stay empty. */
function substitute(
  template: string,
  contact: FakeContact,
  inputs: Record<string, string>,
  encode: (value: string) => string,
): string {
  const user = userAttributes(contact)
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_whole, name: string) => {
    const value = name.startsWith('user.') ? user[name.slice(5)] : inputs[name]
    return encode(value ?? '')
  })
}

/** A JSON string's inside: a value substituted into a JSON body template stays valid JSON. */
const jsonInside = (value: string) => JSON.stringify(value).slice(1, -1)

export interface ExecutionOutcome {
  status: number | null
  body: unknown
  result: FakeExecutionResult
  /** The request exactly as sent (what the connector's endpoint received). */
  request: { url: string; method: string; headers: Record<string, string>; body: string | null }
}

/**
 * Plays Intercom running a connector for a contact in a conversation: the contact's attributes and
 * the collected inputs are substituted into the URL, headers and body, the connector's headers are
 * sent, and the run is recorded as an execution result. Only a live connector runs for Fin; a
 * draft runs when `test` is set (the builder's "Test" button).
 */
export async function executeDataConnector(
  ctx: FakeContext,
  id: string,
  input: { contactId: string; inputs?: Record<string, string>; test?: boolean },
): Promise<ExecutionOutcome> {
  const store = ctx.state.dataConnectors
  const connector = store.connectors.get(id)
  if (!connector) throw new Error(`no data connector ${id}`)
  if (connector.state !== 'live' && !input.test) {
    throw new Error(`data connector ${id} is a draft: Fin only runs live connectors`)
  }
  const contact = ctx.state.contacts.get(input.contactId)
  if (!contact) throw new Error(`no contact ${input.contactId}`)
  const audience = contact.role === 'user' ? 'users' : 'leads'
  if (!connector.audiences.includes(audience)) {
    throw new Error(`data connector ${id} is not for ${audience}`)
  }
  const inputs: Record<string, string> = {}
  for (const dataInput of connector.data_inputs) {
    const value = input.inputs?.[dataInput.name] ?? dataInput.default_value
    if (dataInput.required && value === '') throw new Error(`missing input ${dataInput.name}`)
    inputs[dataInput.name] = value
  }
  const url = substitute(connector.url, contact, inputs, encodeURIComponent)
  const headers: Record<string, string> = { 'user-agent': 'Intercom-Data-Connector (fake)' }
  for (const header of connector.headers) {
    headers[header.name] = substitute(header.value, contact, inputs, (v) => v)
  }
  const body =
    connector.body === null || connector.http_method === 'get'
      ? null
      : substitute(connector.body, contact, inputs, jsonInside)
  if (body !== null && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json'
  }
  const started = ctx.nowMs()
  let status: number | null = null
  let text: string | null = null
  let errorMessage: string | null = null
  try {
    const response = await fetch(url, {
      method: connector.http_method.toUpperCase(),
      headers,
      ...(body === null ? {} : { body }),
      signal: AbortSignal.timeout(15_000),
    })
    status = response.status
    text = await response.text()
  } catch (error) {
    errorMessage = error instanceof Error ? error.message : String(error)
  }
  const success = status !== null && status >= 200 && status < 300
  const result: FakeExecutionResult = {
    type: 'data_connector.execution',
    id: String(store.nextExecutionId++),
    data_connector_id: connector.id,
    success,
    http_status: status,
    http_method: connector.http_method,
    error_type: success ? null : status === null ? 'faraday_error' : '3rd_party_error',
    error_message: success ? null : (errorMessage ?? `HTTP ${status}`),
    execution_time_ms: Math.max(0, ctx.nowMs() - started),
    // The reference redacts query strings in the URL it reports.
    request_url: url.split('?')[0] ?? url,
    request_body: body,
    response_body: text,
    created_at: new Date(ctx.nowMs()).toISOString(),
  }
  store.executions.push(result)
  let parsed: unknown = text
  try {
    parsed = text === null ? null : JSON.parse(text)
  } catch {
    // not JSON: Fin would get the text
  }
  return {
    status,
    body: parsed,
    result,
    request: { url, method: connector.http_method, headers, body },
  }
}
