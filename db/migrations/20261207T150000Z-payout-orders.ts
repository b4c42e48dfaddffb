import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // A workspace's account at a payout provider: its secret encrypted like the Intercom and
  // Stripe ones, the environment stated, the last balance read.
  await db.schema
    .createTable('payout_connections')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('provider', 'text', (c) =>
      c.notNull().check(sql`provider in ('tremendous', 'tango_card', 'paypal')`),
    )
    .addColumn('environment', 'text', (c) =>
      c.notNull().check(sql`environment in ('sandbox', 'live')`),
    )
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('account_label', 'text')
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('balance_minor', 'bigint')
    .addColumn('balance_currency', 'text')
    .addColumn('balance_checked_at', 'timestamptz')
    .addColumn('low_balance_minor', 'bigint', (c) => c.notNull().defaultTo(10000))
    .addColumn('verified_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payout_connections_pk', ['workspace_id', 'provider'])
    .execute()

  // One payout per reward, ever: the unique reward id is also the provider's idempotency key.
  await db.schema
    .createTable('payouts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('reward_id', 'uuid', (c) => c.notNull().references('rewards.id'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull())
    .addColumn('participant_id', 'uuid', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('awaiting_approval', 'awaiting_address', 'requested', 'sent', 'delivered', 'failed', 'cancelled', 'flagged')`,
        ),
    )
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('recipient_email', 'text')
    .addColumn('recipient_name', 'text')
    .addColumn('product', 'text')
    .addColumn('product_name', 'text')
    .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('email'))
    .addColumn('provider_order_id', 'text')
    .addColumn('provider_item_id', 'text')
    .addColumn('link_url', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('last_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('over_budget', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('approved_by', 'text')
    .addColumn('not_before', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('payouts_one_per_reward', ['workspace_id', 'reward_id'])
    .execute()
  await db.schema
    .createIndex('payouts_by_status')
    .on('payouts')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute()

  // The card's "what was sent, where, when": one referrer's latest payout.
  await db.schema
    .createIndex('payouts_by_participant')
    .on('payouts')
    .columns(['workspace_id', 'participant_id', 'sent_at'])
    .execute()

  // Monthly spending limits: campaign_id '' is the whole workspace's.
  await db.schema
    .createTable('payout_budgets')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('monthly_limit_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('payout_budgets_pk', ['workspace_id', 'campaign_id'])
    .execute()

  // A referrer's own PayPal address, confirmed by them; a change pauses their payouts a while.
  await db.schema
    .createTable('payout_addresses')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paused_until', 'timestamptz')
    .addPrimaryKeyConstraint('payout_addresses_pk', ['workspace_id', 'participant_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payout_addresses').execute()
  await db.schema.dropTable('payout_budgets').execute()
  await db.schema.dropTable('payouts').execute()
  await db.schema.dropTable('payout_connections').execute()
}
