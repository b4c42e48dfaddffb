import { sql, type CreateTableBuilder, type Kysely } from 'kysely'

// What the app tells Intercom about ledger changes (data events, agents' notes) waits in
// durable outboxes filled in the ledger's own transaction; referrers can be blocked, codes
// disabled; a newly connected workspace's backfill has a row the dashboard can switch off; the
// rate limiter remembers when live calls went short, so background work yields to them. No
// foreign keys: erasing a person or a workspace must never be blocked by a pending notice.
export async function up(db: Kysely<any>): Promise<void> {
  await createIntercomOutbox(
    db,
    'intercom_event_outbox',
    (table) =>
      table
        .addColumn('event_name', 'text', (c) => c.notNull())
        .addColumn('participant_id', 'uuid', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('metadata', 'jsonb', (c) => c.notNull()),
    ['event_name', 'participant_id'],
  )
  await sql`create index intercom_event_outbox_pending on intercom_event_outbox
    (workspace_id, participant_id, id) where status = 'pending'`.execute(db)

  await createIntercomOutbox(
    db,
    'conversation_notes',
    (table) =>
      table
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('admin_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull()),
    ['conversation_id'],
  )
  await sql`create index conversation_notes_pending on conversation_notes (workspace_id, id)
    where status = 'pending'`.execute(db)

  await db.schema
    .alterTable('referrers')
    .addColumn('blocked_at', 'timestamptz')
    .addColumn('blocked_reason', 'text')
    .execute()
  await db.schema.alterTable('referral_codes').addColumn('disabled_at', 'timestamptz').execute()

  await db.schema
    .createTable('workspace_backfills')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('scheduled', 'started', 'off')`),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sync_run_id', 'uuid')
    .addColumn('changed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .alterTable('intercom_rate_limits')
    .addColumn('live_short_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('intercom_rate_limits').dropColumn('live_short_at').execute()
  await db.schema.dropTable('workspace_backfills').execute()
  await db.schema.alterTable('referral_codes').dropColumn('disabled_at').execute()
  await db.schema
    .alterTable('referrers')
    .dropColumn('blocked_at')
    .dropColumn('blocked_reason')
    .execute()
  await db.schema.dropTable('conversation_notes').execute()
  await db.schema.dropTable('intercom_event_outbox').execute()
}

type OutboxTable = CreateTableBuilder<string, string>

/**
 * Both outboxes are one notice per ledger event (and per what `once` names), with the same
 * delivery columns; `notice` adds the columns between them, in the order they have always had.
 */
async function createIntercomOutbox(
  db: Kysely<any>,
  name: string,
  notice: (table: OutboxTable) => OutboxTable,
  once: string[],
): Promise<void> {
  const table = db.schema
    .createTable(name)
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('ledger_event_id', 'bigint', (c) => c.notNull())
  await notice(table)
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint(`${name}_once`, ['workspace_id', 'ledger_event_id', ...once])
    .execute()
}
