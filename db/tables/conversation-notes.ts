import { type ColumnType, type Generated, type Selectable } from 'kysely'

/** An internal note owed to an Inbox conversation: what an agent did there, in their name. */
export interface ConversationNotesTable {
  id: ColumnType<string, never, never>
  workspace_id: string
  ledger_event_id: ColumnType<string, string | number, never>
  conversation_id: string
  admin_id: string
  body: string
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  last_error: string | null
  created_at: Generated<Date>
  sent_at: Date | null
}

export type ConversationNoteRow = Selectable<ConversationNotesTable>
