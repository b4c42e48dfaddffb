import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // OAuth `state` ids already redeemed: a replayed callback is refused on every instance.
  await db.schema
    .createTable('oauth_state_uses')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('oauth_state_uses_expiry')
    .on('oauth_state_uses')
    .column('expires_at')
    .execute()

  // Contact writes Intercom refused for good (4xx other than 401/429): one row per contact, for the operator.
  await db.schema
    .createTable('contact_write_dead_letters')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('contact_id', 'text')
    .addColumn('status_code', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('contact_write_dead_letters_contact', ['workspace_id', 'participant_id'])
    .execute()
  await db.schema
    .createIndex('contact_write_dead_letters_time')
    .on('contact_write_dead_letters')
    .columns(['workspace_id', 'failed_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_write_dead_letters').ifExists().execute()
  await db.schema.dropTable('oauth_state_uses').ifExists().execute()
}
