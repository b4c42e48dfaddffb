import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface CampaignsTable {
  id: Generated<string>
  workspace_id: string
  name: string
  is_default: Generated<boolean>
  status: Generated<'active' | 'paused' | 'archived'>
  // Parsed by src/ledger/campaign-settings.ts; stored as jsonb so new settings need no migration.
  settings: ColumnType<unknown, string, string>
  /** Bumped by every change; a save naming an older version is refused (optimistic concurrency). */
  version: Generated<number>
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export type CampaignRow = Selectable<CampaignsTable>
export type NewCampaignRow = Insertable<CampaignsTable>
export type CampaignRowUpdate = Updateable<CampaignsTable>
