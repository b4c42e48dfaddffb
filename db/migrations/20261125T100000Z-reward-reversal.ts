import { sql, type Kysely } from 'kysely'

// A reward can be reversed (a refund, a lost dispute, an agent voiding it): it stays on the record,
// with when and why, and no longer counts towards totals or caps.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rewards drop constraint rewards_status_check`.execute(db)
  await sql`alter table rewards add constraint rewards_status_check
    check (status in ('pending', 'approved', 'fulfilled', 'declined', 'reversed'))`.execute(db)
  await db.schema.alterTable('rewards').addColumn('reversed_at', 'timestamptz').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rewards').dropColumn('reversed_at').execute()
  await sql`alter table rewards drop constraint rewards_status_check`.execute(db)
  await sql`alter table rewards add constraint rewards_status_check
    check (status in ('pending', 'approved', 'fulfilled', 'declined'))`.execute(db)
}
