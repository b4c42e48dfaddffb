import { randomBytes } from 'node:crypto'
import { createDataConnectorState, type FakeDataConnectorState } from './data-connectors.js'
import type {
  FakeAdmin,
  FakeContact,
  FakeConversation,
  FakeDataAttribute,
  FakeEvent,
  FakeRequestRecord,
  FakeSegment,
  FakeWebhookDelivery,
  FakeWrite,
} from './types.js'

/** Everything the fake knows, inspectable by tests (what arrived, how many writes). */
export interface FakeState {
  readonly workspace: { id: string; name: string; region: 'US' | 'EU' | 'AU'; adminEmail: string }
  readonly contacts: Map<string, FakeContact>
  /** contact id → segment ids; kept apart from the contact because Intercom does not embed it. */
  readonly memberships: Map<string, Set<string>>
  readonly dataAttributes: Map<string, FakeDataAttribute>
  readonly segments: Map<string, FakeSegment>
  readonly events: FakeEvent[]
  /** The workspace's teammates; the one /me names is there from the start. */
  readonly admins: Map<string, FakeAdmin>
  readonly conversations: Map<string, FakeConversation>
  readonly creates: FakeWrite[]
  readonly puts: FakeWrite[]
  readonly requests: FakeRequestRecord[]
  readonly webhooks: FakeWebhookDelivery[]
  /** token → active; a revoked token stays with `false` so tests can tell it apart. */
  readonly tokens: Map<string, boolean>
  /** token → the OAuth scopes it was granted; a token not listed here has every scope. */
  readonly tokenScopes: Map<string, Set<string>>
  readonly dataConnectors: FakeDataConnectorState
  /** OAuth codes not yet exchanged → expiry (ms). */
  readonly codes: Map<string, number>
  nextAttributeId: number
}

/** The admin GET /me answers with. */
export const FAKE_ADMIN_ID = '991267460'

const STANDARD_ATTRIBUTES: [string, FakeDataAttribute['data_type']][] = [
  ['name', 'string'],
  ['email', 'string'],
  ['phone', 'string'],
  ['external_id', 'string'],
  ['role', 'string'],
  ['created_at', 'date'],
  ['updated_at', 'date'],
  ['signed_up_at', 'date'],
  ['last_seen_at', 'date'],
]

export function createFakeState(input: {
  workspaceId: string
  workspaceName: string
  region: 'US' | 'EU' | 'AU'
  adminEmail: string
  accessTokens: string[]
  nowSeconds: number
}): FakeState {
  const state: FakeState = {
    workspace: {
      id: input.workspaceId,
      name: input.workspaceName,
      region: input.region,
      adminEmail: input.adminEmail,
    },
    contacts: new Map(),
    memberships: new Map(),
    dataAttributes: new Map(),
    segments: new Map(),
    events: [],
    admins: new Map([
      [
        FAKE_ADMIN_ID,
        { type: 'admin', id: FAKE_ADMIN_ID, name: 'Fake Admin', email: input.adminEmail },
      ],
    ]),
    conversations: new Map(),
    creates: [],
    puts: [],
    requests: [],
    webhooks: [],
    tokens: new Map(input.accessTokens.map((token) => [token, true])),
    tokenScopes: new Map(),
    dataConnectors: createDataConnectorState(),
    codes: new Map(),
    nextAttributeId: 1,
  }
  for (const [name, dataType] of STANDARD_ATTRIBUTES) {
    state.dataAttributes.set(name, {
      type: 'data_attribute',
      id: state.nextAttributeId++,
      name,
      full_name: name,
      label: name,
      description: '',
      data_type: dataType,
      model: 'contact',
      custom: false,
      archived: false,
      api_writable: name !== 'created_at' && name !== 'updated_at',
      ui_writable: true,
      messenger_writable: false,
      created_at: input.nowSeconds,
      updated_at: input.nowSeconds,
    })
  }
  return state
}

let idCounter = 0
const idPrefix = randomBytes(4).toString('hex')

/** Intercom ids are 24 hex characters; a counter keeps seeding 20,000 contacts cheap. */
export function newContactId(): string {
  idCounter += 1
  return `${idPrefix}${idCounter.toString(16).padStart(16, '0')}`
}

export function newSegmentId(): string {
  return randomBytes(12).toString('hex')
}

export function newToken(): string {
  return `dG9rOj${randomBytes(24).toString('base64url')}`
}

/** Real codes are base64 and may end in '='; a truncated code must fail, so ours always do. */
export function newOAuthCode(): string {
  return randomBytes(16).toString('base64')
}

export function blankContact(
  state: FakeState,
  fields: Partial<FakeContact> & { role: FakeContact['role'] },
  nowSeconds: number,
): FakeContact {
  return {
    type: 'contact',
    id: fields.id ?? newContactId(),
    workspace_id: state.workspace.id,
    role: fields.role,
    email: fields.email ?? null,
    name: fields.name ?? null,
    phone: fields.phone ?? null,
    external_id: fields.external_id ?? null,
    avatar: null,
    owner_id: null,
    created_at: fields.created_at ?? nowSeconds,
    updated_at: fields.updated_at ?? nowSeconds,
    signed_up_at: fields.role === 'user' ? (fields.signed_up_at ?? nowSeconds) : null,
    last_seen_at: fields.last_seen_at ?? null,
    unsubscribed_from_emails: fields.unsubscribed_from_emails ?? false,
    custom_attributes: { ...(fields.custom_attributes ?? {}) },
  }
}

/** The duplicate rule: external_id is unique; an email is unique among contacts of the same role. */
export function findDuplicate(
  state: FakeState,
  candidate: { role: FakeContact['role']; email: string | null; external_id: string | null },
  exceptId?: string,
): FakeContact | undefined {
  const email = candidate.email?.toLowerCase() ?? null
  for (const contact of state.contacts.values()) {
    if (contact.id === exceptId) continue
    if (candidate.external_id && contact.external_id === candidate.external_id) return contact
    if (email && contact.role === candidate.role && contact.email?.toLowerCase() === email) {
      return contact
    }
  }
  return undefined
}
