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
  /**
   * Currencies saved as free text before they were chosen from a list, moved out of the settings
   * so they still read: setting path (`rewards.rules.<rule id>.currency`) → the text as saved.
   */
  unlisted_currencies: ColumnType<unknown, string | undefined, string>
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export type CampaignRow = Selectable<CampaignsTable>
export type NewCampaignRow = Insertable<CampaignsTable>
export type CampaignRowUpdate = Updateable<CampaignsTable>
