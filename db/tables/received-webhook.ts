import type { ColumnType, Generated } from 'kysely'

/**
 * A verified webhook delivery (Intercom's or Stripe's) kept exactly as received, acknowledged at
 * once and processed afterwards: `status` says how far processing got.
 */
export interface ReceivedWebhookColumns<Status> {
  id: Generated<string>
  workspace_id: string
  payload: ColumnType<unknown, string, never>
  status: ColumnType<Status, Status | undefined, Status>
  received_at: ColumnType<Date, never, never>
  processed_at: Date | null
}
