/** Shapes the fake Intercom keeps; contacts are stored as Intercom would send them (snake_case). */
export type FakeRole = 'user' | 'lead'
export type FakeDataType =
  'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'options'

export interface FakeContact {
  type: 'contact'
  id: string
  workspace_id: string
  role: FakeRole
  email: string | null
  name: string | null
  phone: string | null
  external_id: string | null
  avatar: string | null
  owner_id: number | null
  created_at: number
  updated_at: number
  signed_up_at: number | null
  last_seen_at: number | null
  unsubscribed_from_emails: boolean
  custom_attributes: Record<string, unknown>
  /** The language a teammate set for the contact, and the one their browser reports. */
  language_override?: string | null
  browser_language?: string | null
}

export interface FakeDataAttribute {
  type: 'data_attribute'
  id: number
  name: string
  full_name: string
  label: string
  description: string
  data_type: FakeDataType
  model: 'contact' | 'company'
  custom: boolean
  archived: boolean
  api_writable: boolean
  ui_writable: boolean
  messenger_writable: boolean
  options?: { value: string }[]
  created_at: number
  updated_at: number
}

export interface FakeSegment {
  type: 'segment'
  id: string
  name: string
  person_type: FakeRole
  created_at: number
  updated_at: number
}

export interface FakeEvent {
  event_name: string
  created_at: number
  contact_id: string
  metadata: Record<string, unknown>
}

export interface FakeWrite {
  readonly contactId: string
  readonly body: Record<string, unknown>
  readonly at: number
}

export interface FakeRequestRecord {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly token: string | null
  readonly version: string | null
  readonly body: unknown
  readonly at: number
}

export interface FakeWebhookDelivery {
  readonly topic: string
  readonly contactId: string
  readonly status: number | null
  readonly error: string | null
}

export interface FakeIntercomOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number
  workspaceId?: string
  workspaceName?: string
  region?: 'US' | 'EU' | 'AU'
  adminEmail?: string
  /** OAuth app credentials; the defaults match test/support/app.ts's testConfig. */
  clientId?: string
  clientSecret?: string
  /** Tokens valid from the start (a private app's token). */
  accessTokens?: string[]
  /** Calls per minute, enforced as limit/6 per 10-second window (Intercom's rule). */
  rateLimitPerMinute?: number
  /** After a contact is created or updated, a signed notification is POSTed here. */
  webhookTarget?: { url: string; secret: string }
  /** Milliseconds clock, for tests that need one; default Date.now. */
  now?: () => number
}

export interface FakeAdmin {
  type: 'admin'
  id: string
  name: string
  email: string
}

/** One part of a conversation as Intercom lists it (a reply, or an internal note). */
export interface FakeConversationPart {
  type: 'conversation_part'
  id: string
  part_type: 'comment' | 'note' | 'quick_reply'
  body: string
  created_at: number
  author: { type: 'admin' | 'user'; id: string; name?: string; email?: string }
}

export interface FakeConversation {
  type: 'conversation'
  id: string
  created_at: number
  updated_at: number
  contacts: { type: 'contact'; id: string }[]
  parts: FakeConversationPart[]
}
