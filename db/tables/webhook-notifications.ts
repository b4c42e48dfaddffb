import type { ColumnType, Insertable, Selectable } from 'kysely'
import type { ReceivedWebhookColumns } from './received-webhook.js'

export type NotificationStatus = 'received' | 'planned' | 'processed' | 'skipped'

/** An Intercom webhook notification as received, and how far its processing got. */
export interface WebhookNotificationsTable extends ReceivedWebhookColumns<NotificationStatus> {
  notification_id: string
  topic: string
  notified_at: Date
  plan: ColumnType<unknown, string | null | undefined, string | null>
  outcome: ColumnType<unknown, string | null | undefined, string | null>
  /** Claims so far (each processing attempt claims once). */
  attempts: ColumnType<number, never, number>
  /** A processor holds it until then; '-infinity' when nobody does. */
  claimed_until: ColumnType<Date, never, Date | string>
}

export type WebhookNotificationRow = Selectable<WebhookNotificationsTable>
export type NewWebhookNotificationRow = Insertable<WebhookNotificationsTable>
