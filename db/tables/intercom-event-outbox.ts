import type { ColumnType, Selectable } from 'kysely'
import type { IntercomOutboxColumns } from './intercom-outbox.js'

/**
 * A data event owed to Intercom, derived from one ledger event for one person. Filled in the
 * ledger's transaction; sent by that person's write-back job once their attributes are written.
 */
export interface IntercomEventOutboxTable extends IntercomOutboxColumns {
  event_name: string
  participant_id: string
  /** Unix seconds sent as created_at: unique per person and event name, so Intercom keeps each. */
  occurred_at: ColumnType<string, number, never>
  metadata: ColumnType<Record<string, string | number>, string, never>
}

export type IntercomEventOutboxRow = Selectable<IntercomEventOutboxTable>
