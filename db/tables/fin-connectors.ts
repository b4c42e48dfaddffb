import type { ColumnType, Generated } from 'kysely'

/** A workspace's Fin connector pack: its secret and what was last provisioned. */
export interface FinPacksTable {
  workspace_id: string
  secret_ciphertext: string
  previous_secret_ciphertext: string | null
  previous_secret_until: Date | null
  pack_version: Generated<number>
  last_error: string | null
  lease_until: Date | null
  provisioned_at: Date | null
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

/** One of our connectors as Intercom knows it. */
export interface FinConnectorsTable {
  workspace_id: string
  connector_key: string
  intercom_id: string
  definition_hash: string
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}
