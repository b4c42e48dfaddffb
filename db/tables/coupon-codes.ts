import type { ColumnType, Generated, Selectable } from 'kysely'

export interface CouponCodesTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  pool: string
  code: string
  /** Set once, when the code is handed out with a reward; never cleared. */
  reward_id: string | null
  drawn_at: Date | null
  created_at: ColumnType<Date, never, never>
}

export type CouponCodeRow = Selectable<CouponCodesTable>
