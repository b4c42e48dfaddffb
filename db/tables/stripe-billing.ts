import type { ColumnType, Generated, Selectable } from 'kysely'
import type { ReceivedWebhookColumns } from './received-webhook.js'

/** A workspace's Stripe account; the secrets are AES-GCM ciphertexts bound to the workspace id. */
export interface StripeConnectionsTable {
  workspace_id: string
  secret_key_ciphertext: string
  webhook_secret_ciphertext: string
  /** The key's mode and last four characters (sk_live_…4242), safe to show. */
  key_hint: string
  account_id: string | null
  account_name: string | null
  livemode: boolean
  verified_at: Date | null
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export type StripeEventStatus = 'received' | 'processed' | 'unmatched' | 'refused'

/** A verified Stripe event as received, and what processing made of it. */
export interface StripeEventsTable extends ReceivedWebhookColumns<StripeEventStatus> {
  event_id: string
  type: string
  stripe_created_at: Date
  /** In words: what the event did, or why it did nothing. */
  outcome: string | null
  customer_id: string | null
  email_normalized: string | null
  contact_id: string | null
  referral_id: string | null
  amount_minor: number | null
  currency: string | null
}

export type MatchMethod =
  'client_reference_id' | 'referral_code' | 'intercom_contact_id' | 'email' | 'customer'

export interface StripeCustomersTable {
  workspace_id: string
  customer_id: string
  participant_id: string
  referral_id: string | null
  matched_by: MatchMethod
  created_at: ColumnType<Date, never, never>
}

export interface BillingInvoicesTable {
  workspace_id: string
  invoice_id: string
  referral_id: string
  customer_id: string | null
  charge_id: string | null
  payment_intent_id: string | null
  currency: string
  paid_minor: number
  /** Net of tax and discounts: what commissions are a percentage of. */
  net_minor: number
  paid_at: Date
  qualified_referral: Generated<boolean>
  commission_reward_id: string | null
  /** The commission as first earned, before any refund took a share of it. */
  commission_minor: number | null
  /** Refunded or lost in disputes so far, already taken off what the invoice earned. */
  lost_minor: Generated<number>
  created_at: ColumnType<Date, never, never>
}

export type DisputeStatus = 'open' | 'won' | 'lost'

export interface BillingChargesTable {
  workspace_id: string
  charge_id: string
  invoice_id: string | null
  payment_intent_id: string | null
  amount_minor: number | null
  refunded_minor: Generated<number>
  dispute_id: string | null
  dispute_status: DisputeStatus | null
  disputed_minor: Generated<number>
  updated_at: Generated<Date>
}

export interface RewardAdjustmentsTable {
  id: Generated<string>
  workspace_id: string
  participant_id: string
  source_reward_id: string
  currency: string
  amount_minor: number
  remaining_minor: number
  reason: string
  idempotency_key: string
  created_at: ColumnType<Date, never, never>
}

export type StripeEventRow = Selectable<StripeEventsTable>
export type BillingInvoiceRow = Selectable<BillingInvoicesTable>
export type BillingChargeRow = Selectable<BillingChargesTable>
