import type { ColumnType, Generated } from 'kysely'

/** Where referrers share: the share sheet opened, and each share button used. */
export type ShareChannel = 'sheet' | 'copy' | 'email' | 'x' | 'linkedin' | 'whatsapp'

/** One referrer's use of one channel on one UTC day (repeats that day count nothing). */
export interface ShareEventsTable {
  id: ColumnType<number, never, never>
  workspace_id: string
  campaign_id: string
  referrer_id: string
  channel: ShareChannel
  shared_on: ColumnType<string, never, never>
  created_at: Generated<Date>
}
