import { z } from 'zod'
import type { Region } from '../config.js'
import type { AppContext } from '../context.js'
import {
  IntercomApiError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
} from '../intercom/api-types.js'
import { readToken } from '../intercom/connections.js'
import { instanceRateLimiter } from '../intercom/instance-rate-limiter.js'
import { retryAtFrom } from '../intercom/rate-limiter.js'

// Intercom's Data Connectors resource, stable since REST API 2.16:
// https://developers.intercom.com/docs/references/2.16/rest-api/api.intercom.io/data-connectors/listdataconnectors
// (OpenAPI: https://github.com/intercom/Intercom-OpenAPI/blob/main/descriptions/2.16/api.intercom.io.yaml)
// The SDK the rest of the app uses speaks 2.14 and has no such resource, so these calls are plain
// fetches with `Intercom-Version: 2.16`, drawing on the workspace's shared rate budget.

const DATA_CONNECTORS_VERSION = '2.16'
/** The OAuth permission the calls need (Developer Hub: "Read and write data connectors"). */
export const DATA_CONNECTORS_SCOPE = 'read_write_data_connectors'

const REGIONAL_HOSTS: Record<Region, string> = {
  US: 'https://api.intercom.io',
  EU: 'https://api.eu.intercom.io',
  AU: 'https://api.au.intercom.io',
}

const dataConnectorSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  state: z.enum(['draft', 'live']),
  http_method: z.string().nullish(),
  url: z.string().nullish(),
  direct_fin_usage: z.boolean().nullish(),
  audiences: z.array(z.string()).nullish(),
  updated_at: z.string().nullish(),
})
export type IntercomDataConnector = z.infer<typeof dataConnectorSchema>

const pagesSchema = z.object({ next: z.object({ starting_after: z.string() }).nullish() }).nullish()

const connectorListSchema = z.object({
  data: z.array(dataConnectorSchema),
  pages: pagesSchema,
})

const executionResultSchema = z.object({
  id: z.string(),
  data_connector_id: z.string(),
  success: z.boolean(),
  http_status: z.number().nullish(),
  error_type: z.string().nullish(),
  error_message: z.string().nullish(),
  execution_time_ms: z.number().nullish(),
  created_at: z.string().nullish(),
})
export type IntercomExecutionResult = z.infer<typeof executionResultSchema>

const executionListSchema = z.object({ data: z.array(executionResultSchema), pages: pagesSchema })

/** What the app sends to create or update one connector (the create_data_connector_request). */
export interface DataConnectorDefinition {
  readonly name: string
  readonly description: string
  readonly http_method: 'post'
  readonly url: string
  readonly body: string
  readonly headers: ReadonlyArray<{ name: string; value: string }>
  readonly data_inputs: ReadonlyArray<{
    name: string
    type: 'string'
    description: string
    required: boolean
  }>
  readonly audiences: readonly string[]
  readonly direct_fin_usage: boolean
}

export interface DataConnectorsApi {
  list(): Promise<IntercomDataConnector[]>
  get(id: string): Promise<IntercomDataConnector | null>
  create(definition: DataConnectorDefinition): Promise<IntercomDataConnector>
  update(
    id: string,
    change: Partial<DataConnectorDefinition> & { state?: 'draft' | 'live' },
  ): Promise<IntercomDataConnector>
  /** true when deleted, false when Intercom had no such connector. */
  remove(id: string): Promise<boolean>
  executions(id: string, perPage?: number): Promise<IntercomExecutionResult[]>
}

/** 403: the token was granted without the data connectors permission. */
export class MissingScopeError extends IntercomApiError {
  override readonly name = 'MissingScopeError'
}

/** The API of a connected workspace, or null when the workspace has no usable token. */
export async function dataConnectorsApiOf(
  ctx: AppContext,
  workspaceId: string,
): Promise<DataConnectorsApi | null> {
  const connection = await readToken(ctx, workspaceId)
  if (!connection) return null
  return dataConnectorsApi(ctx, { workspaceId, ...connection })
}

function dataConnectorsApi(
  ctx: AppContext,
  connection: { workspaceId: string; accessToken: string; region: Region },
): DataConnectorsApi {
  const base = ctx.config.intercom.apiBaseUrl ?? REGIONAL_HOSTS[connection.region]
  const limiter = instanceRateLimiter(ctx)

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    await limiter.acquire(connection.workspaceId)
    let response: Response
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${connection.accessToken}`,
          accept: 'application/json',
          'intercom-version': DATA_CONNECTORS_VERSION,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(20_000),
      })
    } catch (error) {
      throw new IntercomApiError(
        `Intercom did not answer (${error instanceof Error ? error.message : String(error)})`,
        null,
        true,
      )
    }
    await limiter
      .observe(connection.workspaceId, response.headers, response.status)
      .catch(() => undefined)
    const text = await response.text()
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    if (response.ok || response.status === 404) return { status: response.status, json }
    const message =
      (json as { errors?: Array<{ message?: string }> } | null)?.errors?.[0]?.message ??
      `HTTP ${response.status}`
    if (response.status === 401) throw new IntercomUnauthorizedError(message)
    if (response.status === 403) throw new MissingScopeError(message, 403, false)
    if (response.status === 429)
      throw new IntercomRateLimitedError(retryAtFrom(response.headers, Date.now()))
    throw new IntercomApiError(message, response.status, response.status >= 500)
  }

  const found = (status: number, json: unknown) =>
    status === 404 ? null : dataConnectorSchema.parse(json)
  const must = (status: number, json: unknown, id: string) => {
    const connector = found(status, json)
    if (!connector) throw new IntercomApiError(`Data connector ${id} not found`, 404, false)
    return connector
  }

  return {
    async list() {
      const all: IntercomDataConnector[] = []
      let after: string | null | undefined = null
      // Bounded: 20 pages of 50 is far more connectors than a workspace keeps.
      for (let pageNo = 0; pageNo < 20; pageNo += 1) {
        const query = new URLSearchParams({ per_page: '50' })
        if (after) query.set('starting_after', after)
        const { status, json } = await call('GET', `/data_connectors?${query}`)
        if (status === 404)
          throw new IntercomApiError('Data connectors are not available', 404, false)
        const listed = connectorListSchema.parse(json)
        all.push(...listed.data)
        after = listed.pages?.next?.starting_after
        if (!after) break
      }
      return all
    },
    async get(id) {
      const { status, json } = await call('GET', `/data_connectors/${encodeURIComponent(id)}`)
      return found(status, json)
    },
    async create(definition) {
      const { status, json } = await call('POST', '/data_connectors', definition)
      return must(status, json, 'new')
    },
    async update(id, change) {
      const { status, json } = await call(
        'PATCH',
        `/data_connectors/${encodeURIComponent(id)}`,
        change,
      )
      return must(status, json, id)
    },
    async remove(id) {
      const { status } = await call('DELETE', `/data_connectors/${encodeURIComponent(id)}`)
      return status !== 404
    },
    async executions(id, perPage = 10) {
      const { status, json } = await call(
        'GET',
        `/data_connectors/${encodeURIComponent(id)}/execution_results?per_page=${perPage}`,
      )
      if (status === 404) return []
      return executionListSchema.parse(json).data
    },
  }
}
