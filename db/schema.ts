import type { CampaignsTable } from './tables/campaigns.js'
import type { EventsTable } from './tables/events.js'
import type { LinkClicksTable } from './tables/link-clicks.js'
import type { ParticipantsTable } from './tables/participants.js'
import type { PendingContactWritesTable } from './tables/pending-contact-writes.js'
import type { ReferralCodesTable } from './tables/referral-codes.js'
import type { ReferralsTable } from './tables/referrals.js'
import type { ReferrersTable } from './tables/referrers.js'
import type { RewardsTable } from './tables/rewards.js'
import type { WorkspacesTable } from './tables/workspaces.js'
import type { OauthStateUsesTable } from './tables/oauth-state-uses.js'
import type { DashboardSessionEndsTable } from './tables/dashboard-session-ends.js'
import type { ContactWriteDeadLettersTable } from './tables/contact-write-dead-letters.js'
import type { SyncRunsTable } from './tables/sync-runs.js'
import type { SyncRunContactsTable } from './tables/sync-run-contacts.js'
import type { CouponCodesTable } from './tables/coupon-codes.js'
import type { RewardWebhookSecretsTable } from './tables/reward-webhook-secrets.js'
import type { WebhookNotificationsTable } from './tables/webhook-notifications.js'
import type { ContactSnapshotsTable } from './tables/contact-snapshots.js'
import type { IntercomRateLimitsTable } from './tables/intercom-rate-limits.js'
import type {
  BillingChargesTable,
  BillingInvoicesTable,
  RewardAdjustmentsTable,
  StripeConnectionsTable,
  StripeCustomersTable,
  StripeEventsTable,
} from './tables/stripe-billing.js'
import type { ErasedIdentitiesTable } from './tables/erased-identities.js'
import type { PrivacySaltsTable } from './tables/privacy-salts.js'
import type { HttpRateLimitsTable } from './tables/http-rate-limits.js'
import type { IntercomEventOutboxTable } from './tables/intercom-event-outbox.js'
import type { ConversationNotesTable } from './tables/conversation-notes.js'
import type { WorkspaceBackfillsTable } from './tables/workspace-backfills.js'
import type { FinConnectorsTable, FinPacksTable } from './tables/fin-connectors.js'
import type {
  ContestResultsTable,
  ContestsTable,
  ContestStandingsTable,
  ExperimentAssignmentsTable,
  ExperimentsTable,
  LeaderboardOptOutsTable,
} from './tables/contests.js'
import type {
  PayoutAddressesTable,
  PayoutBudgetsTable,
  PayoutConnectionsTable,
  PayoutsTable,
} from './tables/payouts.js'

export interface Database {
  workspaces: WorkspacesTable
  campaigns: CampaignsTable
  participants: ParticipantsTable
  referrers: ReferrersTable
  referral_codes: ReferralCodesTable
  link_clicks: LinkClicksTable
  referrals: ReferralsTable
  rewards: RewardsTable
  events: EventsTable
  pending_contact_writes: PendingContactWritesTable
  oauth_state_uses: OauthStateUsesTable
  dashboard_session_ends: DashboardSessionEndsTable
  contact_write_dead_letters: ContactWriteDeadLettersTable
  sync_runs: SyncRunsTable
  sync_run_contacts: SyncRunContactsTable
  coupon_codes: CouponCodesTable
  reward_webhook_secrets: RewardWebhookSecretsTable
  webhook_notifications: WebhookNotificationsTable
  contact_snapshots: ContactSnapshotsTable
  intercom_rate_limits: IntercomRateLimitsTable
  stripe_connections: StripeConnectionsTable
  stripe_events: StripeEventsTable
  stripe_customers: StripeCustomersTable
  billing_invoices: BillingInvoicesTable
  billing_charges: BillingChargesTable
  reward_adjustments: RewardAdjustmentsTable
  erased_identities: ErasedIdentitiesTable
  privacy_salts: PrivacySaltsTable
  http_rate_limits: HttpRateLimitsTable
  intercom_event_outbox: IntercomEventOutboxTable
  conversation_notes: ConversationNotesTable
  workspace_backfills: WorkspaceBackfillsTable
  fin_packs: FinPacksTable
  fin_connectors: FinConnectorsTable
  contests: ContestsTable
  contest_standings: ContestStandingsTable
  contest_results: ContestResultsTable
  experiments: ExperimentsTable
  experiment_assignments: ExperimentAssignmentsTable
  leaderboard_opt_outs: LeaderboardOptOutsTable
  payout_connections: PayoutConnectionsTable
  payouts: PayoutsTable
  payout_budgets: PayoutBudgetsTable
  payout_addresses: PayoutAddressesTable
}
