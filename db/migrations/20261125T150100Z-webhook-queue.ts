import { sql, type Kysely } from 'kysely'

// The notifications table is its own queue: the webhook ack is one INSERT, and each instance's
// processor claims a batch of unfinished notifications for a while (a lease, so a claim held by an
// instance that died comes back), retrying a failed one later with backoff.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhook_notifications')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_until', 'timestamptz', (c) => c.notNull().defaultTo(sql`'-infinity'`))
    .execute()
  await db.schema
    .createIndex('webhook_notifications_queue')
    .on('webhook_notifications')
    .columns(['received_at'])
    .where(sql.ref('status'), 'in', ['received', 'planned'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_notifications_queue').ifExists().execute()
  await db.schema
    .alterTable('webhook_notifications')
    .dropColumn('claimed_until')
    .dropColumn('attempts')
    .execute()
}
