import type { ColumnType, Generated, Selectable } from 'kysely'

export interface ContactWriteDeadLettersTable {
  id: ColumnType<number, never, never>
  workspace_id: string
  participant_id: string
  contact_id: string | null
  status_code: number | null
  reason: string
  attributes: ColumnType<unknown, string | undefined, string>
  failed_at: Generated<Date>
}

export type ContactWriteDeadLetterRow = Selectable<ContactWriteDeadLettersTable>
