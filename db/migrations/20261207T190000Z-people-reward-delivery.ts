import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // Where an approved reward's delivery stands when it went wrong: 'failed' (the last attempt
  // failed, with its reason) or 'retrying' (someone asked for another attempt). Null otherwise.
  // The ledger's events keep every attempt; these columns make the review queue's tab a query.
  await db.schema
    .alterTable('rewards')
    .addColumn('delivery_status', 'text')
    .addColumn('delivery_failure', 'text')
    .addColumn('delivery_failed_at', 'timestamptz')
    .addColumn('delivery_attempts', 'integer')
    .addColumn('delivery_gave_up', 'boolean')
    .execute()
  await sql`create index rewards_delivery_failed on rewards (workspace_id, created_at) where delivery_status = 'failed'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists rewards_delivery_failed`.execute(db)
  await db.schema
    .alterTable('rewards')
    .dropColumn('delivery_status')
    .dropColumn('delivery_failure')
    .dropColumn('delivery_failed_at')
    .dropColumn('delivery_attempts')
    .dropColumn('delivery_gave_up')
    .execute()
}
