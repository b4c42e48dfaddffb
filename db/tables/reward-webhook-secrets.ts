import type { ColumnType } from 'kysely'

export interface RewardWebhookSecretsTable {
  workspace_id: string
  secret: string
  created_at: ColumnType<Date, never, never>
}
