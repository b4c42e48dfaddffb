import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface ParticipantsTable {
  id: Generated<string>
  workspace_id: string
  contact_id: string | null
  email: string | null
  email_normalized: string | null
  email_plus_addressed: Generated<boolean>
  name: string | null
  first_name: string | null
  /** Set when the person was erased: the row stays (counts hold) with no personal data. */
  erased_at: Generated<Date | null>
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export type ParticipantRow = Selectable<ParticipantsTable>
export type NewParticipantRow = Insertable<ParticipantsTable>
export type ParticipantRowUpdate = Updateable<ParticipantsTable>
