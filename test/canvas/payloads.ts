import { randomBytes } from 'node:crypto'

// Intercom-shaped Canvas Kit bodies (https://developers.intercom.com/docs/canvas-kit), for the HTTP and browser tests.

export function newContact(name = 'Ada Lovelace') {
  const tag = randomBytes(4).toString('hex')
  return {
    type: 'contact',
    id: `contact_${tag}`,
    external_id: `user_${tag}`,
    role: 'user',
    email: `${name.split(' ')[0]?.toLowerCase()}.${tag}@example.com`,
    name,
  }
}

export type Contact = ReturnType<typeof newContact>

export const admin = { type: 'admin', id: '991', name: 'Agent Smith', email: 'agent@example.com' }

export function messengerContext(locale = 'en') {
  return {
    location: 'home',
    locale,
    messenger_action_colour: '#0057ff',
    messenger_background_colour: '#ffffff',
  }
}

export function messengerInitialize(workspaceId: string, options: Record<string, unknown> = {}) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'us',
    card_creation_options: options,
    context: messengerContext(),
    admin,
  }
}

export function liveCanvas(
  workspaceId: string,
  contact: Contact,
  storedData: Record<string, unknown> = {},
  locale = 'en',
) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'us',
    canvas: {
      content_url: 'https://referrals.example.test/canvas/messenger/live',
      stored_data: storedData,
    },
    context: messengerContext(locale),
    contact,
  }
}

/** A Messenger submit; `user` follows the v1.4 user model (id + user_id), the docs' reading. */
export function messengerSubmit(
  workspaceId: string,
  contact: Contact,
  componentId: string,
  inputValues: Record<string, unknown>,
  storedData: Record<string, unknown> = {},
  locale = 'en',
) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'us',
    component_id: componentId,
    input_values: inputValues,
    current_canvas: { content: { components: [] }, stored_data: storedData },
    context: messengerContext(locale),
    user: {
      type: 'user',
      id: contact.id,
      user_id: contact.external_id,
      email: contact.email,
      name: contact.name,
    },
  }
}

export function inboxInitialize(workspaceId: string, contact: Contact, useCustomer = false) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'US',
    admin,
    conversation: { type: 'conversation', id: '1295' },
    ...(useCustomer ? { customer: contact } : { contact }),
    context: { locale: 'en' },
  }
}

export function inboxSubmit(
  workspaceId: string,
  contact: Contact,
  componentId: string,
  storedData: Record<string, unknown> = {},
  inputValues: Record<string, unknown> = {},
) {
  return {
    ...inboxInitialize(workspaceId, contact),
    component_id: componentId,
    input_values: inputValues,
    current_canvas: { content: { components: [] }, stored_data: storedData },
  }
}
