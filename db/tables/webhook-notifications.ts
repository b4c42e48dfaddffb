import { type ColumnType, type Generated, type Insertable, type Selectable } from 'kysely'

export type NotificationStatus = 'received' | 'planned' | 'processed' | 'skipped'

/** An Intercom webhook notification as received, and how far its processing got. */
export interface WebhookNotificationsTable {
  id: Generated<string>
  workspace_id: string
  notification_id: string
  topic: string
  notified_at: Date
  payload: ColumnType<unknown, string, never>
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>
  plan: ColumnType<unknown, string | null | undefined, string | null>
  outcome: ColumnType<unknown, string | null | undefined, string | null>
  received_at: ColumnType<Date, never, never>
  processed_at: Date | null
  /** Claims so far (each processing attempt claims once). */
  attempts: ColumnType<number, never, number>
  /** A processor holds it until then; '-infinity' when nobody does. */
  claimed_until: ColumnType<Date, never, Date | string>
}

export type WebhookNotificationRow = Selectable<WebhookNotificationsTable>
export type NewWebhookNotificationRow = Insertable<WebhookNotificationsTable>
