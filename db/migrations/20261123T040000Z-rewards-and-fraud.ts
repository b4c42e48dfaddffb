import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // Uploaded coupon codes; a code belongs to at most one reward, ever (reward_id is set once).
  await db.schema
    .createTable('coupon_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('reward_id', 'uuid', (c) => c.references('rewards.id').unique())
    .addColumn('drawn_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('coupon_codes_unique', ['workspace_id', 'campaign_id', 'pool', 'code'])
    .execute()
  // Drawing reads only the free codes of one pool, oldest first.
  await sql`create index coupon_codes_free on coupon_codes (workspace_id, campaign_id, pool, created_at, id) where reward_id is null`.execute(
    db,
  )

  // The per-workspace secret that signs outgoing fulfilment webhooks (shown to the admin).
  await db.schema
    .createTable('reward_webhook_secrets')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // The cap counts a recipient's rewards in one campaign.
  await sql`create index rewards_by_campaign_participant on rewards (workspace_id, campaign_id, participant_id)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists rewards_by_campaign_participant`.execute(db)
  await db.schema.dropTable('reward_webhook_secrets').ifExists().execute()
  await db.schema.dropTable('coupon_codes').ifExists().execute()
}
