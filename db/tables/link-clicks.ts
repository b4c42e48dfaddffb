import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

export interface LinkClicksTable {
  id: ColumnType<number, never, never>
  workspace_id: string
  campaign_id: string
  code_id: string
  referrer_id: string
  // A salted hash of the visitor, never the raw IP.
  visitor_hash: string | null
  clicked_at: Generated<Date>
}

export type LinkClickRow = Selectable<LinkClicksTable>
export type NewLinkClickRow = Insertable<LinkClicksTable>
