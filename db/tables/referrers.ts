import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** A participant's membership of a campaign as a referrer, with the counters that campaign keeps. */
export interface ReferrersTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  participant_id: string
  source: string
  referral_count: Generated<number>
  pending_count: Generated<number>
  converted_count: Generated<number>
  rejected_count: Generated<number>
  click_count: Generated<number>
  last_referral_at: Date | null
  /** Set by an agent: new referrals wait for review and the link says the programme is unavailable. */
  blocked_at: Date | null
  blocked_reason: string | null
  created_at: ColumnType<Date, never, never>
}

export type ReferrerRow = Selectable<ReferrersTable>
export type NewReferrerRow = Insertable<ReferrersTable>
export type ReferrerRowUpdate = Updateable<ReferrersTable>
