import { z } from 'zod'
import type { ContactState } from '../ledger/contact-snapshots.js'

/** An Intercom webhook notification (https://developers.intercom.com/docs/references/webhooks/webhook-models); unknown fields pass through. */
export const notificationSchema = z.looseObject({
  type: z.string().optional(),
  id: z.string().trim().min(1).max(200),
  app_id: z.string().trim().min(1).max(100),
  topic: z.string().trim().min(1).max(200),
  created_at: z.number().int().nonnegative(),
  delivery_attempts: z.number().int().optional(),
  first_sent_at: z.number().int().optional(),
  data: z.looseObject({
    type: z.string().optional(),
    item: z.record(z.string(), z.unknown()),
  }),
})
export type Notification = z.infer<typeof notificationSchema>

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * What the webhook ack reads of a notification: its envelope. The item (a contact with all its
 * attributes, often most of the body) is only checked to be an object here; the processor
 * validates it with notificationSchema.
 */
export const notificationEnvelopeSchema = z.object({
  id: notificationSchema.shape.id,
  app_id: notificationSchema.shape.app_id,
  topic: notificationSchema.shape.topic,
  created_at: notificationSchema.shape.created_at,
  data: z.custom<{ item: Record<string, unknown> }>(
    (data) => isObject(data) && isObject(data.item),
    'expected an object with an item object',
  ),
})

/** The topics whose item is a full contact; everything else (ping, tags, …) is acknowledged and ignored. */
export const CONTACT_TOPICS = new Set([
  'contact.user.created',
  'contact.user.updated',
  'contact.lead.created',
  'contact.lead.updated',
  'contact.lead.signed_up',
  'contact.email.updated',
  'contact.lead.added_email',
  'contact.merged',
])

/** A contact deleted in Intercom: the app erases what it holds about them (src/webhooks/erase-deleted-contact.ts). */
export const CONTACT_DELETED = 'contact.deleted'

export function isHandledTopic(topic: string): boolean {
  return CONTACT_TOPICS.has(topic) || topic === CONTACT_DELETED
}

const reference = z.looseObject({ type: z.string().optional(), id: z.string().trim().min(1) })

export const contactItemSchema = z.looseObject({
  type: z.string().optional(),
  id: z.string().trim().min(1).max(200),
  role: z.string().nullish(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
  merged_from: reference.nullish(),
})
export type ContactItem = z.infer<typeof contactItemSchema>

/** The contact a merge folded into this one; Intercom puts `merged_from` on the item (or beside it). */
export function mergedFromId(notification: Notification, item: ContactItem): string | null {
  const beside = reference.safeParse(notification.data.merged_from)
  return item.merged_from?.id ?? (beside.success ? beside.data.id : null)
}

export function contactState(item: ContactItem): ContactState {
  const { custom_attributes: customAttributes, ...rest } = item
  return {
    role: item.role ?? null,
    email: item.email?.trim() || null,
    name: item.name?.trim() || null,
    customAttributes: customAttributes ?? {},
    attributes: rest,
  }
}
