import type { Generated, Selectable } from 'kysely'

/** The one import of a newly connected workspace's existing users, and whether it may start. */
export interface WorkspaceBackfillsTable {
  workspace_id: string
  status: 'scheduled' | 'started' | 'off'
  starts_at: Date
  sync_run_id: string | null
  /** Who switched it off or started it early (an admin's email), for the dashboard. */
  changed_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type WorkspaceBackfillRow = Selectable<WorkspaceBackfillsTable>
