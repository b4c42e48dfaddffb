import type { Region } from '../config.js'

/** What the app needs from Intercom's REST API; implemented over intercom-client 7 in client.ts. */
export interface IntercomApi {
  me(): Promise<IntercomWorkspaceInfo>
  listDataAttributes(model: 'contact'): Promise<IntercomDataAttribute[]>
  createDataAttribute(input: {
    name: string
    model: 'contact'
    dataType: 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime'
    description?: string
  }): Promise<'created' | 'exists'>
  getContact(contactId: string): Promise<IntercomContact | null>
  /** Throws IntercomConflictError (with the existing id when Intercom names it) on a duplicate. */
  createContact(input: IntercomContactInput): Promise<IntercomContact>
  updateContact(contactId: string, input: Partial<IntercomContactInput>): Promise<IntercomContact>
  searchContacts(
    query: IntercomSearchQuery,
    page: {
      perPage?: number
      startingAfter?: string | null
      /** Intercom's default is last_request_at descending; imports read by updated_at ascending. */
      sort?: { field: string; order: 'ascending' | 'descending' }
    },
  ): Promise<IntercomContactPage>
  listSegments(): Promise<IntercomSegment[]>
  createEvent(input: {
    eventName: string
    contactId: string
    createdAt: number
    metadata?: Record<string, string | number>
  }): Promise<void>
  /** An internal note on a conversation, authored by that admin (POST /conversations/{id}/reply). */
  addNote(input: { conversationId: string; adminId: string; body: string }): Promise<void>
}

export interface IntercomWorkspaceInfo {
  readonly workspaceId: string
  readonly name: string | null
  readonly region: Region
  readonly adminEmail: string | null
}

export interface IntercomDataAttribute {
  readonly name: string
  readonly dataType: string
  readonly custom: boolean
  /** `custom_attributes.<name>` for a custom attribute, the name itself for a standard one. */
  readonly fullName?: string
  /** What Intercom shows people, e.g. "Plan"; the name when Intercom gives none. */
  readonly label?: string
  /** The allowed values of a list (`options`) attribute. */
  readonly options?: readonly string[]
}

export interface IntercomContact {
  readonly id: string
  readonly role: 'user' | 'lead'
  readonly email: string | null
  readonly name: string | null
  readonly externalId: string | null
  readonly updatedAt: number | null
  readonly customAttributes: Record<string, unknown>
  /** The whole contact as Intercom sent it, for standard fields the app does not model. */
  readonly raw: Record<string, unknown>
}

export interface IntercomContactInput {
  readonly role: 'user' | 'lead'
  readonly email?: string | null
  readonly name?: string | null
  readonly externalId?: string | null
  readonly customAttributes?: Record<string, string | number | boolean | null>
}

export type IntercomSearchFilter = {
  readonly field: string
  readonly operator: string
  readonly value: string | number | boolean | readonly (string | number)[] | null
}
export type IntercomSearchQuery =
  | IntercomSearchFilter
  | { readonly operator: 'AND' | 'OR'; readonly value: readonly IntercomSearchQuery[] }

export interface IntercomContactPage {
  readonly contacts: IntercomContact[]
  readonly totalCount: number | null
  readonly nextCursor: string | null
}

export interface IntercomSegment {
  readonly id: string
  readonly name: string
  readonly count: number | null
}

/** Base of every failure talking to Intercom; `retryable` says whether trying later can help. */
export class IntercomApiError extends Error {
  override readonly name: string = 'IntercomApiError'
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message)
  }
}

/** 429: the caller waits until `retryAt` (from X-RateLimit-Reset or Retry-After). */
export class IntercomRateLimitedError extends IntercomApiError {
  override readonly name = 'IntercomRateLimitedError'
  constructor(readonly retryAt: Date) {
    super('Intercom rate limit reached', 429, true)
  }
}

/** 401: the token is revoked or invalid; the workspace is marked disconnected, not retried. */
export class IntercomUnauthorizedError extends IntercomApiError {
  override readonly name = 'IntercomUnauthorizedError'
  constructor(message = 'Intercom refused the access token') {
    super(message, 401, false)
  }
}

/** 409 on contact create: the contact exists (Intercom usually names its id). */
export class IntercomConflictError extends IntercomApiError {
  override readonly name = 'IntercomConflictError'
  constructor(readonly existingContactId: string | null) {
    super('A contact matching those details already exists', 409, false)
  }
}
