import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export type RewardStatus = 'pending' | 'approved' | 'fulfilled' | 'declined' | 'reversed'

export interface RewardsTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  referral_id: string | null
  participant_id: string
  recipient_role: 'referrer' | 'friend'
  kind: string
  // Money is kept in integer minor units (cents).
  amount_minor: number | null
  currency: string | null
  points: number | null
  coupon_code: string | null
  description: string | null
  status: Generated<RewardStatus>
  status_reason: string | null
  idempotency_key: string
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
  approved_at: Date | null
  fulfilled_at: Date | null
  declined_at: Date | null
  reversed_at: Date | null
  /** A reward earned from a payment cannot be approved or fulfilled before this. */
  hold_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  /** An approved reward's delivery gone wrong: 'failed' (with its reason) or 'retrying'. */
  delivery_status: ColumnType<'failed' | 'retrying' | null, never, 'failed' | 'retrying' | null>
  delivery_failure: ColumnType<string | null, never, string | null>
  delivery_failed_at: ColumnType<Date | null, never, Date | null>
  delivery_attempts: ColumnType<number | null, never, number | null>
  delivery_gave_up: ColumnType<boolean | null, never, boolean | null>
}

export type RewardRow = Selectable<RewardsTable>
export type NewRewardRow = Insertable<RewardsTable>
export type RewardRowUpdate = Updateable<RewardsTable>
