import type { ColumnType, Insertable, Selectable } from 'kysely'

/** The latest contact state a webhook delivered: orders deliveries and lets us diff changes. */
export interface ContactSnapshotsTable {
  workspace_id: string
  contact_id: string
  last_notification_at: Date | null
  last_notification_id: string | null
  role: string | null
  email: string | null
  name: string | null
  custom_attributes: ColumnType<unknown, string | undefined, string>
  standard_attributes: ColumnType<unknown, string | undefined, string>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export type ContactSnapshotRow = Selectable<ContactSnapshotsTable>
export type NewContactSnapshotRow = Insertable<ContactSnapshotsTable>
