import type { ColumnType, Generated } from 'kysely'

/**
 * What every outbox of notices owed to Intercom keeps (migration 20261125T140000Z creates them
 * alike): the ledger event that owes the notice, and how far sending it got.
 */
export interface IntercomOutboxColumns {
  id: ColumnType<string, never, never>
  workspace_id: string
  ledger_event_id: ColumnType<string, string | number, never>
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  last_error: string | null
  created_at: Generated<Date>
  sent_at: Date | null
}
