import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // A workspace's own Stripe account: both secrets encrypted like Intercom tokens.
  await db.schema
    .createTable('stripe_connections')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('secret_key_ciphertext', 'text', (c) => c.notNull())
    .addColumn('webhook_secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('account_name', 'text')
    .addColumn('livemode', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // Every Stripe event we accepted, once per (workspace, event id): the durable inbox, the billing
  // history of a referral, and the unmatched list.
  await db.schema
    .createTable('stripe_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('stripe_created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('received')
        .check(sql`status in ('received', 'processed', 'unmatched', 'refused')`),
    )
    .addColumn('outcome', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('email_normalized', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('amount_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('processed_at', 'timestamptz')
    .addUniqueConstraint('stripe_events_unique', ['workspace_id', 'event_id'])
    .execute()
  await db.schema
    .createIndex('stripe_events_waiting')
    .on('stripe_events')
    .columns(['workspace_id', 'received_at'])
    .where(sql.ref('status'), 'in', ['received', 'unmatched'])
    .execute()
  await db.schema
    .createIndex('stripe_events_referral')
    .on('stripe_events')
    .columns(['workspace_id', 'referral_id', 'stripe_created_at'])
    .execute()

  // A Stripe customer known to be a participant (a referred friend, or a referrer for credits).
  await db.schema
    .createTable('stripe_customers')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('referral_id', 'uuid', (c) => c.references('referrals.id'))
    .addColumn('matched_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stripe_customers_pk', ['workspace_id', 'customer_id'])
    .execute()
  await db.schema
    .createIndex('stripe_customers_participant')
    .on('stripe_customers')
    .columns(['workspace_id', 'participant_id'])
    .execute()

  // A paid invoice of a referred friend, and what it earned.
  await db.schema
    .createTable('billing_invoices')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'uuid', (c) => c.notNull().references('referrals.id'))
    .addColumn('customer_id', 'text')
    .addColumn('charge_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c) => c.notNull())
    .addColumn('net_minor', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz', (c) => c.notNull())
    .addColumn('qualified_referral', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('commission_reward_id', 'uuid', (c) => c.references('rewards.id'))
    .addColumn('commission_minor', 'bigint')
    .addColumn('lost_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('billing_invoices_pk', ['workspace_id', 'invoice_id'])
    .execute()
  await db.schema
    .createIndex('billing_invoices_referral')
    .on('billing_invoices')
    .columns(['workspace_id', 'referral_id', 'paid_at'])
    .execute()

  // Refunds and disputes per charge, kept even before their invoice is known (out of order).
  await db.schema
    .createTable('billing_charges')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('charge_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('amount_minor', 'bigint')
    .addColumn('refunded_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dispute_id', 'text')
    .addColumn('dispute_status', 'text', (c) =>
      c.check(sql`dispute_status in ('open', 'won', 'lost')`),
    )
    .addColumn('disputed_minor', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('billing_charges_pk', ['workspace_id', 'charge_id'])
    .execute()

  // What a recipient owes back after a reward they already received was refunded: taken from
  // their next rewards in the same currency.
  await db.schema
    .createTable('reward_adjustments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    .addColumn('source_reward_id', 'uuid', (c) => c.notNull().references('rewards.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
    .addColumn('remaining_minor', 'bigint', (c) => c.notNull().check(sql`remaining_minor >= 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reward_adjustments_unique', ['workspace_id', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('reward_adjustments_open')
    .on('reward_adjustments')
    .columns(['workspace_id', 'participant_id', 'currency', 'created_at'])
    .where(sql.ref('remaining_minor'), '>', 0)
    .execute()

  // A reward earned from a payment waits until hold_until before it can be approved or fulfilled.
  await db.schema.alterTable('rewards').addColumn('hold_until', 'timestamptz').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rewards').dropColumn('hold_until').execute()
  for (const table of [
    'reward_adjustments',
    'billing_charges',
    'billing_invoices',
    'stripe_customers',
    'stripe_events',
    'stripe_connections',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
