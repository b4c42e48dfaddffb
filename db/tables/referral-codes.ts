import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

export interface ReferralCodesTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  referrer_id: string
  code: string
  code_normalized: string
  is_primary: Generated<boolean>
  is_vanity: Generated<boolean>
  click_count: Generated<number>
  /** A disabled code no longer resolves (an agent retired it after a leak). */
  disabled_at: Date | null
  created_at: ColumnType<Date, never, never>
}

export type ReferralCodeRow = Selectable<ReferralCodesTable>
export type NewReferralCodeRow = Insertable<ReferralCodesTable>
