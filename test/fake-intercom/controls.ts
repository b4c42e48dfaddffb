import type { FakeContext } from './context.js'
import { createContact, updateContact } from './routes-contacts.js'
import { createDataAttribute } from './routes-workspace.js'
import { issueCode } from './routes-auth.js'
import { executeDataConnector } from './data-connectors.js'
import { blankContact, newSegmentId, newToken } from './state.js'
import type { FakeAdmin, FakeContact, FakeConversation, FakeRole, FakeSegment } from './types.js'

export interface SeedOptions {
  /** Segment names (created when missing); contact i joins segment i % segments.length. */
  segments?: string[]
  role?: FakeRole | 'mixed'
  customAttributes?: (index: number) => Record<string, unknown>
}

/** What a test can do to the fake besides calling its API. */
export function createControls(ctx: FakeContext) {
  const { state, limit } = ctx

  function addSegment(name: string, personType: FakeRole = 'user'): FakeSegment {
    const existing = [...state.segments.values()].find((s) => s.name === name)
    if (existing) return existing
    const now = ctx.nowSeconds()
    const segment: FakeSegment = {
      type: 'segment',
      id: newSegmentId(),
      name,
      person_type: personType,
      created_at: now,
      updated_at: now,
    }
    state.segments.set(segment.id, segment)
    return segment
  }

  function addToSegment(contactId: string, segmentId: string): void {
    let set = state.memberships.get(contactId)
    if (!set) state.memberships.set(contactId, (set = new Set()))
    set.add(segmentId)
  }

  return {
    force429: (spec: { forMs: number } | { count: number }) => limit.force429(spec),
    force5xx: (count: number, status = 500) => limit.force5xx(count, status),
    /** The next `count` API calls hang until the fake closes (the client's timeout must fire). */
    forceTimeout: (count: number) => limit.forceTimeout(count),
    clearFailures: () => limit.clear(),
    setRateLimit: (perMinute: number) => {
      limit.perMinute = perMinute
    },
    revokeToken: (token: string) => state.tokens.set(token, false),
    /** A new valid token, as if the app had been installed (skips the OAuth dance). */
    issueToken: (): string => {
      const token = newToken()
      state.tokens.set(token, true)
      return token
    },
    /** An authorization code as the authorize page would hand out. */
    issueCode: (): string => issueCode(ctx),
    addSegment,
    addToSegment,
    /** Creates a contact as the API would (same checks, webhook), without auth or rate limit. */
    addContact: (
      input: { role: FakeRole } & Partial<Omit<FakeContact, 'role'>>,
      options: { segments?: string[] } = {},
    ): FakeContact => {
      const contact = createContact(ctx, {
        role: input.role,
        email: input.email,
        name: input.name,
        external_id: input.external_id,
        phone: input.phone,
        custom_attributes: input.custom_attributes,
      })
      if (input.updated_at !== undefined) contact.updated_at = input.updated_at
      if (input.created_at !== undefined) contact.created_at = input.created_at
      for (const name of options.segments ?? []) addToSegment(contact.id, addSegment(name).id)
      return contact
    },
    /** Changes a contact as an Intercom teammate would; sends the contact.*.updated webhook. */
    updateContact: (id: string, input: Record<string, unknown>): FakeContact =>
      updateContact(ctx, id, input),
    /** A custom attribute; a list (`options`) one takes its values (at least two). */
    defineAttribute: (
      name: string,
      dataType: string,
      model: 'contact' | 'company' = 'contact',
      options?: string[],
    ) =>
      createDataAttribute(ctx, {
        name,
        data_type: dataType,
        model,
        ...(options ? { options: options.map((value) => ({ value })) } : {}),
      }),
    /**
     * Seeds contacts directly into the store (no checks, no webhooks): 20,000 take milliseconds.
     * Timestamps step back one second per contact, so sorting by created_at/updated_at is total.
     */
    seedContacts: (n: number, options: SeedOptions = {}): FakeContact[] => {
      const segments = (options.segments ?? []).map((name) => addSegment(name))
      const now = ctx.nowSeconds()
      const seeded: FakeContact[] = []
      const base = state.contacts.size
      for (let i = 0; i < n; i += 1) {
        const number = base + i + 1
        const role: FakeRole =
          options.role === 'lead' || (options.role === 'mixed' && i % 2 === 1) ? 'lead' : 'user'
        const at = now - (n - i)
        const contact = blankContact(
          state,
          {
            role,
            email: `person${number}@seed.example`,
            name: `Person ${number}`,
            external_id: role === 'user' ? `seed-${number}` : null,
            created_at: at,
            updated_at: at,
            custom_attributes: options.customAttributes?.(i) ?? {},
          },
          now,
        )
        state.contacts.set(contact.id, contact)
        const segment = segments.length > 0 ? segments[i % segments.length] : undefined
        if (segment) state.memberships.set(contact.id, new Set([segment.id]))
        seeded.push(contact)
      }
      return seeded
    },
    /** A conversation with this contact, as if they had written in. */
    addConversation: (contactId: string): FakeConversation => {
      const now = ctx.nowSeconds()
      const conversation: FakeConversation = {
        type: 'conversation',
        id: String(100_000_000 + state.conversations.size + 1),
        created_at: now,
        updated_at: now,
        contacts: [{ type: 'contact', id: contactId }],
        parts: [],
      }
      state.conversations.set(conversation.id, conversation)
      return conversation
    },
    /** Another teammate of the workspace. */
    addAdmin: (name: string, email: string): FakeAdmin => {
      const admin: FakeAdmin = {
        type: 'admin',
        id: String(992_000_000 + state.admins.size),
        name,
        email,
      }
      state.admins.set(admin.id, admin)
      return admin
    },
    /** Limits a token to these OAuth scopes (e.g. an install that predates a new permission). */
    setTokenScopes: (token: string, scopes: string[]) => {
      state.tokenScopes.set(token, new Set(scopes))
    },
    /** Turns the workspace's Messenger security (JWT) on or off: Fin connectors go live only with it. */
    setMessengerSecurity: (on: boolean) => {
      state.dataConnectors.messengerSecurity = on
    },
    /** A workflow uses this connector: deleting it answers 409. */
    markDataConnectorInUse: (id: string) => state.dataConnectors.inUse.add(id),
    /** Intercom running a connector in a conversation with this contact (see data-connectors.ts). */
    executeDataConnector: (
      id: string,
      input: { contactId: string; inputs?: Record<string, string>; test?: boolean },
    ) => executeDataConnector(ctx, id, input),
    /** Waits for every webhook notification sent so far to be answered. */
    flushWebhooks: () => ctx.webhooks.flush(),
  }
}

export type FakeIntercomControls = ReturnType<typeof createControls>
