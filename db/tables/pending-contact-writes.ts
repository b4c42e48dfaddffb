import type { Generated, Selectable } from 'kysely'

export interface PendingContactWritesTable {
  workspace_id: string
  participant_id: string
  changed_at: Generated<Date>
}

export type PendingContactWriteRow = Selectable<PendingContactWritesTable>
