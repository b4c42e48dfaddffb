import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // Every Intercom webhook notification we accepted, once per (workspace, notification id).
  await db.schema
    .createTable('webhook_notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('notification_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('notified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('received')
        .check(sql`status in ('received', 'planned', 'processed', 'skipped')`),
    )
    .addColumn('plan', 'jsonb')
    .addColumn('outcome', 'jsonb')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('webhook_notifications_unique', ['workspace_id', 'notification_id'])
    .execute()
  await db.schema
    .createIndex('webhook_notifications_pending')
    .on('webhook_notifications')
    .columns(['workspace_id', 'received_at'])
    .where(sql.ref('status'), 'in', ['received', 'planned'])
    .execute()

  // The latest state of a contact as Intercom told us, to order deliveries and to diff changes.
  await db.schema
    .createTable('contact_snapshots')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('last_notification_at', 'timestamptz')
    .addColumn('last_notification_id', 'text')
    .addColumn('role', 'text')
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('custom_attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('standard_attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contact_snapshots_pk', ['workspace_id', 'contact_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_snapshots').ifExists().execute()
  await db.schema.dropTable('webhook_notifications').ifExists().execute()
}
