import type { ColumnType, Generated, Selectable } from 'kysely'

export type PayoutProviderName = 'tremendous' | 'tango_card' | 'paypal'
export type PayoutEnvironment = 'sandbox' | 'live'
export type PayoutStatus =
  | 'awaiting_approval'
  | 'awaiting_address'
  | 'requested'
  | 'sent'
  | 'delivered'
  | 'failed'
  | 'cancelled'
  | 'flagged'

/** A workspace's account at a payout provider; the secret is an AES-GCM ciphertext. */
export interface PayoutConnectionsTable {
  workspace_id: string
  provider: PayoutProviderName
  environment: PayoutEnvironment
  secret_ciphertext: string
  key_hint: string
  account_label: string | null
  /** Provider-specific, not secret: Tango's customer and account ids, PayPal's client id, … */
  options: ColumnType<Record<string, string>, string, string>
  balance_minor: number | null
  balance_currency: string | null
  balance_checked_at: Date | null
  low_balance_minor: Generated<number>
  /** The provider's catalog as last read (CatalogItem[]), for the campaign editor's picker. */
  catalog: ColumnType<unknown[] | null, string | null, string | null>
  catalog_read_at: Date | null
  verified_at: Date
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export interface PayoutsTable {
  id: Generated<string>
  workspace_id: string
  reward_id: string
  campaign_id: string
  participant_id: string
  provider: PayoutProviderName
  status: PayoutStatus
  amount_minor: number
  currency: string
  recipient_email: string | null
  recipient_name: string | null
  product: string | null
  product_name: string | null
  delivery: Generated<'email' | 'link'>
  provider_order_id: string | null
  provider_item_id: string | null
  link_url: string | null
  failure_reason: string | null
  last_error: string | null
  attempts: Generated<number>
  over_budget: Generated<boolean>
  approved_by: string | null
  /** A changed PayPal address pauses its payouts until then. */
  not_before: Date | null
  sent_at: Date | null
  delivered_at: Date | null
  ended_at: Date | null
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export interface PayoutBudgetsTable {
  workspace_id: string
  /** '' is the whole workspace's budget. */
  campaign_id: string
  monthly_limit_minor: number
  currency: string
  updated_at: Generated<Date>
}

export interface PayoutAddressesTable {
  workspace_id: string
  participant_id: string
  email: string
  confirmed_at: Date
  paused_until: Date | null
}

export type PayoutRow = Selectable<PayoutsTable>
export type PayoutConnectionRow = Selectable<PayoutConnectionsTable>
