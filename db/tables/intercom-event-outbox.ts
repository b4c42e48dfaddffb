import { type ColumnType, type Generated, type Selectable } from 'kysely'

/**
 * A data event owed to Intercom, derived from one ledger event for one person. Filled in the
 * ledger's transaction; sent by that person's write-back job once their attributes are written.
 */
export interface IntercomEventOutboxTable {
  id: ColumnType<string, never, never>
  workspace_id: string
  ledger_event_id: ColumnType<string, string | number, never>
  event_name: string
  participant_id: string
  /** Unix seconds sent as created_at: unique per person and event name, so Intercom keeps each. */
  occurred_at: ColumnType<string, number, never>
  metadata: ColumnType<Record<string, string | number>, string, never>
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  last_error: string | null
  created_at: Generated<Date>
  sent_at: Date | null
}

export type IntercomEventOutboxRow = Selectable<IntercomEventOutboxTable>
