import { createHash } from 'node:crypto'
import type { DataConnectorDefinition } from './data-connectors-api.js'

// The connectors the app creates in a workspace. Intercom's Fin picks a connector by its name and
// description (https://www.intercom.com/help/en/articles/9916497-how-to-set-up-data-connectors-for-fin),
// so each says what it answers and gives example questions. Every name starts with "Referrals:" so a
// workspace admin can tell ours from theirs. Bump PACK_VERSION when a definition changes: at start
// and on every connect, workspaces on an older version get the new definitions.

export const PACK_VERSION = 1
export const NAME_PREFIX = 'Referrals:'
/** The versioned path the connectors call; a breaking change is /fin/v2, served beside v1. */
export const FIN_API_PATH = '/fin/v1'

export type ConnectorKey = 'status' | 'send_link' | 'invite'

interface PackEntry {
  readonly key: ConnectorKey
  readonly name: string
  readonly path: string
  readonly description: string
  readonly friendInputs: boolean
}

export const PACK: readonly PackEntry[] = [
  {
    key: 'status',
    name: `${NAME_PREFIX} Referral status`,
    path: 'referral-status',
    friendInputs: false,
    description: [
      "Use this to answer questions about the customer's own referrals: their referral link and code, how many friends they referred, how many signed up and became customers, the rewards they earned, were paid or are waiting for, why a reward is pending and when it will come, and how far they are from their next reward.",
      'Say the `answer` field as it is; it is already in the customer’s language.',
      'Example questions: "What is my referral link?" "How many friends have joined?" "Why haven\'t I got my reward?" "When do I get my reward?" "How many more friends until my next reward?"',
    ].join(' '),
  },
  {
    key: 'send_link',
    name: `${NAME_PREFIX} Send my referral link`,
    path: 'send-link',
    friendInputs: false,
    description: [
      'Use this when the customer asks for their referral link or code, or how to refer a friend. It sets up their referral account if they have none yet.',
      'Say the `answer` field as it is.',
      'Example questions: "Send me my referral link." "How do I refer a friend?" "What is my invite code?"',
    ].join(' '),
  },
  {
    key: 'invite',
    name: `${NAME_PREFIX} Invite a friend`,
    path: 'invite',
    friendInputs: true,
    description: [
      "Use this when the customer asks you to invite a friend for them. Ask for the friend's email address (and, optionally, their name) first. The same daily limits and checks as the invite form apply.",
      'Say the `answer` field as it is: it tells the customer whether the invitation was recorded, and if not, why.',
      'Example questions: "Can you invite my friend sam@example.com?" "Invite my colleague to try this."',
    ].join(' '),
  },
]

/** The contact's own attributes, filled in by Intercom; never a value the customer typed. */
const CONTACT_FIELDS = [
  '"contact_id":"{{user.id}}"',
  '"email":"{{user.email}}"',
  '"name":"{{user.name}}"',
  '"language":"{{user.language_override}}"',
  '"browser_language":"{{user.browser_language}}"',
]
const FRIEND_FIELDS = ['"friend_email":"{{friend_email}}"', '"friend_name":"{{friend_name}}"']

function connectorUrl(publicUrl: string, workspaceId: string, entry: PackEntry): string {
  return `${publicUrl}${FIN_API_PATH}/${encodeURIComponent(workspaceId)}/${entry.path}`
}

/** The definition sent to Intercom; the secret travels in the Authorization header. */
export function definitionOf(
  entry: PackEntry,
  input: { publicUrl: string; workspaceId: string; secret: string },
): DataConnectorDefinition {
  const fields = entry.friendInputs ? [...CONTACT_FIELDS, ...FRIEND_FIELDS] : CONTACT_FIELDS
  return {
    name: entry.name,
    description: entry.description,
    http_method: 'post',
    url: connectorUrl(input.publicUrl, input.workspaceId, entry),
    body: `{${fields.join(',')}}`,
    headers: [
      { name: 'Authorization', value: `Bearer ${input.secret}` },
      { name: 'Content-Type', value: 'application/json' },
    ],
    data_inputs: entry.friendInputs
      ? [
          {
            name: 'friend_email',
            type: 'string',
            description: 'The email address of the friend to invite (ask the customer for it).',
            required: true,
          },
          {
            name: 'friend_name',
            type: 'string',
            description: "The friend's name, if the customer gave it.",
            required: false,
          },
        ]
      : [],
    // Users only: leads and visitors are not identified securely, so nobody could tell whose
    // referral account a call would read.
    audiences: ['users'],
    direct_fin_usage: true,
  }
}

/** A fingerprint of what we sent, without the secret: a change means the definition is updated. */
export function definitionHash(definition: DataConnectorDefinition): string {
  const { headers, ...rest } = definition
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, headers: headers.map((h) => h.name) }))
    .digest('hex')
    .slice(0, 32)
}
