import { sql, type Kysely } from 'kysely'

// Contact import runs: the cursor is committed with each page's referrers, so a run resumes exactly.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('full', 'incremental')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('running')
        .check(sql`status in ('running', 'succeeded', 'failed', 'cancelled')`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text')
    .addColumn('since', 'timestamptz')
    .addColumn('cursor', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute()
  // At most one run in flight per campaign: a second start joins the running one.
  await sql`create unique index sync_runs_one_running on sync_runs (campaign_id) where status = 'running'`.execute(
    db,
  )
  await sql`create index sync_runs_workspace on sync_runs (workspace_id, started_at desc)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_runs').execute()
}
