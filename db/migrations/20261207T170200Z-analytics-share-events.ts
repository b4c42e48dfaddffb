import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // How referrers share: the share sheet opened (their link on screen) and each share button used.
  // Counted once per referrer, channel and UTC day, so a public share URL cannot inflate a count.
  await db.schema
    .createTable('share_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('referrer_id', 'uuid', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('shared_on', 'date', (c) =>
      c.notNull().defaultTo(sql`(now() at time zone 'UTC')::date`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index share_events_once_a_day on share_events (referrer_id, channel, shared_on)`.execute(
    db,
  )
  await sql`create index share_events_workspace_time on share_events (workspace_id, created_at)`.execute(
    db,
  )
  // The analytics page reads referrals, qualifications and paid invoices by workspace and time.
  await sql`create index referrals_workspace_time on referrals (workspace_id, created_at)`.execute(
    db,
  )
  await sql`create index referrals_workspace_qualified on referrals (workspace_id, qualified_at) where qualified_at is not null`.execute(
    db,
  )
  await sql`create index billing_invoices_workspace_paid on billing_invoices (workspace_id, paid_at)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists billing_invoices_workspace_paid`.execute(db)
  await sql`drop index if exists referrals_workspace_qualified`.execute(db)
  await sql`drop index if exists referrals_workspace_time`.execute(db)
  await db.schema.dropTable('share_events').ifExists().execute()
}
