import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

export interface EventsTable {
  id: ColumnType<number, never, never>
  workspace_id: string
  type: string
  subject_type: string
  subject_id: string
  actor_type: string
  actor_id: string | null
  data: ColumnType<unknown, string, never>
  created_at: Generated<Date>
}

export type EventRow = Selectable<EventsTable>
export type NewEventRow = Insertable<EventsTable>
