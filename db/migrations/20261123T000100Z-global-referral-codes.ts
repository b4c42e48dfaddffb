import { sql, type Kysely } from 'kysely'

// A referral link is /r/<code> with no workspace in it, so a code must name one referrer everywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table referral_codes drop constraint referral_codes_unique`.execute(db)
  await sql`create unique index referral_codes_global on referral_codes (code_normalized)`.execute(
    db,
  )
  await sql`create index referral_codes_workspace on referral_codes (workspace_id, code_normalized)`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index referral_codes_workspace`.execute(db)
  await sql`drop index referral_codes_global`.execute(db)
  await sql`alter table referral_codes add constraint referral_codes_unique unique (workspace_id, code_normalized)`.execute(
    db,
  )
}
