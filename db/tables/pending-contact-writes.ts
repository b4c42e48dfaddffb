import type { Generated, Selectable } from 'kysely'

export interface PendingContactWritesTable {
  workspace_id: string
  participant_id: string
  changed_at: Generated<Date>
  /** Set when the person was erased: the contact whose attributes the write clears. */
  erased_contact_id: Generated<string | null>
}

export type PendingContactWriteRow = Selectable<PendingContactWritesTable>
