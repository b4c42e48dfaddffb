import type { ColumnType, Generated, Selectable } from 'kysely'

/** One import of Intercom contacts as referrers; `cursor` is where the next page starts. */
export interface SyncRunsTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  kind: 'full' | 'incremental'
  status: Generated<'running' | 'succeeded' | 'failed' | 'cancelled'>
  source: string
  segment_id: string | null
  since: Date | null
  cursor: string | null
  pages: Generated<number>
  done: Generated<number>
  imported: Generated<number>
  skipped: Generated<number>
  total: number | null
  failures: Generated<number>
  error: string | null
  started_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
  finished_at: Date | null
}

export type SyncRunRow = Selectable<SyncRunsTable>
