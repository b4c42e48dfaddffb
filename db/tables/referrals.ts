import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export type ReferralStatus = 'pending' | 'qualified' | 'rejected'

export interface ReferralsTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  referrer_id: string
  referrer_participant_id: string
  friend_participant_id: string
  code_id: string | null
  source: string
  status: Generated<ReferralStatus>
  status_reason: string | null
  review_reason: string | null
  created_at: ColumnType<Date, Date | undefined, never>
  updated_at: Generated<Date>
  qualified_at: Date | null
  rejected_at: Date | null
}

export type ReferralRow = Selectable<ReferralsTable>
export type NewReferralRow = Insertable<ReferralsTable>
export type ReferralRowUpdate = Updateable<ReferralsTable>
