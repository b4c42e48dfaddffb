import { randomBytes } from 'node:crypto'
import type { Express } from 'express'
import request from 'supertest'
import type { AppContext } from '../../src/context.js'
import { processNotification } from '../../src/webhooks/process-notification.js'
import { unprocessedNotificationIds } from '../../src/ledger/webhook-notifications.js'
import { signedWebhook } from '../support/intercom.js'

export interface ContactFields {
  readonly id: string
  readonly role?: 'user' | 'lead'
  readonly email?: string | null
  readonly name?: string | null
  readonly custom_attributes?: Record<string, unknown>
  readonly [key: string]: unknown
}

let clock = 1_790_000_000

/** A later Intercom timestamp (seconds) each call, so notifications have a natural order. */
export function nextTimestamp(): number {
  clock += 10
  return clock
}

export function newContactId(): string {
  return randomBytes(12).toString('hex')
}

/** An Intercom-shaped notification_event whose item is a contact (https://developers.intercom.com/docs/references/webhooks/webhook-models). */
export function contactNotification(input: {
  workspaceId: string
  topic: string
  contact: ContactFields
  createdAt?: number
  id?: string
  mergedFrom?: string
}) {
  const createdAt = input.createdAt ?? nextTimestamp()
  return {
    type: 'notification_event',
    id: input.id ?? `notif_${randomBytes(8).toString('hex')}`,
    app_id: input.workspaceId,
    topic: input.topic,
    created_at: createdAt,
    delivery_attempts: 1,
    first_sent_at: createdAt,
    data: {
      type: 'notification_event_data',
      item: {
        type: 'contact',
        workspace_id: input.workspaceId,
        external_id: null,
        role: 'lead',
        email: null,
        name: null,
        created_at: createdAt - 5,
        updated_at: createdAt,
        last_seen_at: createdAt,
        ...input.contact,
        custom_attributes: input.contact.custom_attributes ?? {},
        ...(input.mergedFrom ? { merged_from: { type: 'contact', id: input.mergedFrom } } : {}),
      },
    },
  }
}

export function deliver(app: Express, notification: unknown) {
  const { raw, headers } = signedWebhook(notification)
  return request(app).post('/intercom/webhooks').set(headers).send(raw)
}

/** Runs what the job would run, for every notification of the workspace still waiting. */
export async function processWaiting(ctx: AppContext, workspaceId: string) {
  const results = []
  for (const id of await unprocessedNotificationIds(ctx.db, workspaceId)) {
    results.push(await processNotification(ctx, id))
  }
  return results
}
