import type { Intercom, IntercomClient } from 'intercom-client'
import type { Region } from '../config.js'
import type { AppContext } from '../context.js'
import type { Logger } from '../logger.js'
import type { IntercomApi } from './api-types.js'
import { toIntercomApiError } from './client-errors.js'
import {
  contactBody,
  toContact,
  toContactPage,
  toDataAttributes,
  toSegments,
  toWorkspaceInfo,
} from './client-mappers.js'
import { instanceRateLimiter } from './instance-rate-limiter.js'
import type { CallPriority, IntercomRateLimiter } from './rate-limiter.js'
import { loadIntercomSdk } from './sdk.js'

export interface IntercomApiOptions {
  readonly accessToken: string
  readonly region: Region
  /** config.intercom.apiBaseUrl (INTERCOM_API_BASE_URL); overrides the regional host. */
  readonly baseUrl?: string | undefined
  /** Whose budget the calls draw from; without it (install, before /me) nothing is limited. */
  readonly workspaceId?: string | undefined
  readonly limiter?: IntercomRateLimiter | null | undefined
  readonly logger?: Logger | undefined
  readonly timeoutInSeconds?: number | undefined
  /** Whose turn comes first in the shared budget (default live); the backfill is background. */
  readonly priority?: CallPriority | undefined
}

const REGIONAL_ENVIRONMENTS = {
  US: 'UsProduction',
  EU: 'EuProduction',
  AU: 'AuProduction',
} as const satisfies Record<Region, string>

/**
 * The IntercomApi over intercom-client 7. Either `createIntercomApi(options)`, or
 * `createIntercomApi(ctx, { accessToken, region, workspaceId? })`, which takes the base URL,
 * logger and the shared rate limiter from the app context.
 */
export function createIntercomApi(options: IntercomApiOptions): IntercomApi
export function createIntercomApi(
  ctx: AppContext,
  options: Pick<
    IntercomApiOptions,
    'accessToken' | 'region' | 'workspaceId' | 'timeoutInSeconds' | 'priority'
  >,
): IntercomApi
export function createIntercomApi(
  first: IntercomApiOptions | AppContext,
  second?: Pick<
    IntercomApiOptions,
    'accessToken' | 'region' | 'workspaceId' | 'timeoutInSeconds' | 'priority'
  >,
): IntercomApi {
  if ('config' in first && second) {
    return buildApi({
      ...second,
      baseUrl: first.config.intercom.apiBaseUrl,
      limiter: second.workspaceId ? instanceRateLimiter(first) : null,
      logger: first.logger,
    })
  }
  return buildApi(first as IntercomApiOptions)
}

function buildApi(options: IntercomApiOptions): IntercomApi {
  const { workspaceId, limiter, logger, region } = options
  const limited = workspaceId && limiter ? { workspaceId, limiter } : null

  // Every response, failed or not, tells the limiter what Intercom has left (X-RateLimit-*).
  const observingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (limited) {
      await limited.limiter
        .observe(limited.workspaceId, response.headers, response.status)
        .catch((error: unknown) =>
          logger?.warn(
            { err: error, workspaceId },
            'intercom: could not record rate-limit headers',
          ),
        )
    }
    return response
  }

  let connecting: Promise<IntercomClient> | undefined
  const connect = () =>
    (connecting ??= loadIntercomSdk().then(
      (sdk) =>
        new sdk.IntercomClient({
          token: options.accessToken,
          ...(options.baseUrl
            ? { baseUrl: options.baseUrl }
            : { environment: sdk.IntercomEnvironment[REGIONAL_ENVIRONMENTS[region]] }),
          version: '2.14',
          // Retries belong to the durable jobs, which know the budget and back off across restarts.
          maxRetries: 0,
          timeoutInSeconds: options.timeoutInSeconds ?? 20,
          fetch: observingFetch,
        }),
    ))

  async function call<T>(
    operation: string,
    run: (client: IntercomClient) => Promise<T>,
  ): Promise<T> {
    const client = await connect()
    if (limited)
      await limited.limiter.acquire(limited.workspaceId, undefined, options.priority ?? 'live')
    try {
      return await run(client)
    } catch (error) {
      const mapped = toIntercomApiError(error)
      logger?.debug(
        { workspaceId, operation, status: mapped.status, retryable: mapped.retryable },
        `intercom: ${operation} failed: ${mapped.message}`,
      )
      throw mapped
    }
  }

  return {
    me: () => call('me', async (client) => toWorkspaceInfo(await client.admins.identify(), region)),

    listDataAttributes: (model) =>
      call('listDataAttributes', async (client) =>
        toDataAttributes(await client.dataAttributes.list({ model })),
      ),

    createDataAttribute: async (input) => {
      try {
        await call('createDataAttribute', (client) =>
          // @NOTE intercom-client 7 types this body without name/model (intercom-node #513); the
          // body is sent as given, so the cast is safe.
          client.dataAttributes.create({
            name: input.name,
            model: input.model,
            data_type: input.dataType,
            ...(input.description ? { description: input.description } : {}),
          } as unknown as Intercom.CreateDataAttributeRequest),
        )
        return 'created'
      } catch (error) {
        // "You already have 'x' in your workspace" / "… already exists": the attribute is there.
        if (error instanceof Error && 'status' in error && error.status === 400) {
          if (/already/i.test(error.message)) return 'exists'
        }
        throw error
      }
    },

    getContact: async (contactId) => {
      try {
        return await call('getContact', async (client) =>
          toContact(await client.contacts.find({ contact_id: contactId })),
        )
      } catch (error) {
        if (error instanceof Error && 'status' in error && error.status === 404) return null
        throw error
      }
    },

    createContact: (input) =>
      call('createContact', async (client) =>
        toContact(
          await client.contacts.create(
            contactBody(input) as unknown as Intercom.CreateContactRequest,
          ),
        ),
      ),

    updateContact: (contactId, input) =>
      call('updateContact', async (client) =>
        toContact(
          await client.contacts.update({
            contact_id: contactId,
            ...contactBody(input),
          } as Intercom.UpdateContactRequest),
        ),
      ),

    searchContacts: (query, page) =>
      call('searchContacts', async (client) => {
        const request = {
          query,
          pagination: {
            per_page: page.perPage ?? 50,
            ...(page.startingAfter ? { starting_after: page.startingAfter } : {}),
          },
          // `sort` is accepted by the API but missing from the SDK's SearchRequest type.
          ...(page.sort ? { sort: page.sort } : {}),
        }
        const result = await client.contacts.search(request as unknown as Intercom.SearchRequest)
        return toContactPage(result.response)
      }),

    listSegments: () =>
      call('listSegments', async (client) =>
        toSegments(await client.segments.list({ include_count: true })),
      ),

    createEvent: (input) =>
      call('createEvent', async (client) => {
        await client.events.create({
          event_name: input.eventName,
          created_at: input.createdAt,
          id: input.contactId,
          ...(input.metadata ? { metadata: input.metadata } : {}),
        } as Intercom.CreateDataEventRequest)
      }),

    addNote: (input) =>
      call('addNote', async (client) => {
        await client.conversations.reply({
          conversation_id: input.conversationId,
          body: {
            message_type: 'note',
            type: 'admin',
            admin_id: input.adminId,
            body: input.body,
          },
        })
      }),
  }
}
