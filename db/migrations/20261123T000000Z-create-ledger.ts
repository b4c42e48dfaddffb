import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('region', 'text', (c) => c.notNull().defaultTo('US'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('local')
        .check(sql`status in ('local', 'active', 'disconnected', 'uninstalled')`),
    )
    .addColumn('token_source', 'text', (c) => c.check(sql`token_source in ('oauth', 'private')`))
    .addColumn('access_token_ciphertext', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('installed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'paused', 'archived')`),
    )
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index campaigns_one_default on campaigns (workspace_id) where is_default`.execute(
    db,
  )
  await db.schema
    .createIndex('campaigns_workspace')
    .on('campaigns')
    .columns(['workspace_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('contact_id', 'text')
    .addColumn('email', 'text')
    .addColumn('email_normalized', 'text')
    .addColumn('email_plus_addressed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('name', 'text')
    .addColumn('first_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create unique index participants_contact on participants (workspace_id, contact_id) where contact_id is not null`.execute(
    db,
  )
  await sql`create unique index participants_email on participants (workspace_id, email_normalized) where email_normalized is not null`.execute(
    db,
  )
  await sql`create index participants_name on participants (workspace_id, lower(name))`.execute(db)

  await db.schema
    .createTable('referrers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('referral_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('converted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('click_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_referral_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('referrers_campaign_participant', ['campaign_id', 'participant_id'])
    .execute()
  await db.schema
    .createIndex('referrers_workspace_participant')
    .on('referrers')
    .columns(['workspace_id', 'participant_id'])
    .execute()
  await sql`create index referrers_leaderboard on referrers (workspace_id, campaign_id, converted_count desc, referral_count desc)`.execute(
    db,
  )

  await db.schema
    .createTable('referral_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('referrer_id', 'uuid', (c) => c.notNull().references('referrers.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_normalized', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_vanity', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('click_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('referral_codes_unique', ['workspace_id', 'code_normalized'])
    .execute()
  await sql`create unique index referral_codes_one_primary on referral_codes (referrer_id) where is_primary`.execute(
    db,
  )
  await db.schema
    .createIndex('referral_codes_referrer')
    .on('referral_codes')
    .column('referrer_id')
    .execute()

  await db.schema
    .createTable('link_clicks')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('code_id', 'uuid', (c) => c.notNull().references('referral_codes.id'))
    .addColumn('referrer_id', 'uuid', (c) => c.notNull())
    .addColumn('visitor_hash', 'text')
    .addColumn('clicked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('link_clicks_workspace_time')
    .on('link_clicks')
    .columns(['workspace_id', 'clicked_at'])
    .execute()

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('referrer_id', 'uuid', (c) => c.notNull().references('referrers.id'))
    .addColumn('referrer_participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('friend_participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('code_id', 'uuid', (c) => c.references('referral_codes.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'qualified', 'rejected')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('qualified_at', 'timestamptz')
    .addColumn('rejected_at', 'timestamptz')
    .addUniqueConstraint('referrals_one_per_friend', ['campaign_id', 'friend_participant_id'])
    .execute()
  await sql`create index referrals_by_referrer on referrals (workspace_id, referrer_id, created_at desc)`.execute(
    db,
  )
  await sql`create index referrals_by_status on referrals (workspace_id, status, created_at desc)`.execute(
    db,
  )
  await db.schema
    .createIndex('referrals_by_friend')
    .on('referrals')
    .columns(['workspace_id', 'friend_participant_id'])
    .execute()
  await db.schema
    .createIndex('referrals_by_referrer_participant')
    .on('referrals')
    .columns(['workspace_id', 'referrer_participant_id'])
    .execute()

  await db.schema
    .createTable('rewards')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id'))
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('recipient_role', 'text', (c) =>
      c.notNull().check(sql`recipient_role in ('referrer', 'friend')`),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('points', 'integer')
    .addColumn('coupon_code', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'fulfilled', 'declined')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('fulfilled_at', 'timestamptz')
    .addColumn('declined_at', 'timestamptz')
    .addUniqueConstraint('rewards_idempotency', ['workspace_id', 'idempotency_key'])
    .execute()
  await sql`create index rewards_by_participant on rewards (workspace_id, participant_id, created_at desc)`.execute(
    db,
  )
  await sql`create index rewards_by_status on rewards (workspace_id, status, created_at desc)`.execute(
    db,
  )

  await db.schema
    .createTable('events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('events_subject')
    .on('events')
    .columns(['workspace_id', 'subject_type', 'subject_id'])
    .execute()
  await db.schema
    .createIndex('events_time')
    .on('events')
    .columns(['workspace_id', 'created_at'])
    .execute()
  // The ledger's history is append-only: the database refuses to rewrite it.
  await sql`
    create function events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events is append-only';
    end $$`.execute(db)
  await sql`create trigger events_no_update before update or delete on events for each row execute function events_append_only()`.execute(
    db,
  )

  // Contacts whose Intercom attributes are out of date; one row per contact coalesces many changes.
  await db.schema
    .createTable('pending_contact_writes')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pending_contact_writes_pk', ['workspace_id', 'participant_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'pending_contact_writes',
    'events',
    'rewards',
    'referrals',
    'link_clicks',
    'referral_codes',
    'referrers',
    'participants',
    'campaigns',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  await sql`drop function if exists events_append_only()`.execute(db)
}
