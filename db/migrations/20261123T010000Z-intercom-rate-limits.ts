import { sql, type Kysely } from 'kysely'

// One row per workspace: the Intercom call budget every app instance draws from (src/intercom/rate-limiter.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table intercom_rate_limits (
      workspace_id text primary key,
      window_start timestamptz not null,
      used integer not null default 0,
      last_grant integer not null default 0,
      blocked_until timestamptz,
      updated_at timestamptz not null default now()
    )
  `.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table intercom_rate_limits`.execute(db)
}
