import type { Selectable } from 'kysely'
import type { IntercomOutboxColumns } from './intercom-outbox.js'

/** An internal note owed to an Inbox conversation: what an agent did there, in their name. */
export interface ConversationNotesTable extends IntercomOutboxColumns {
  conversation_id: string
  admin_id: string
  body: string
}

export type ConversationNoteRow = Selectable<ConversationNotesTable>
