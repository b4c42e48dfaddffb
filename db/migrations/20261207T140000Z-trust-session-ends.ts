import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // Dashboard sessions that have ended before their cookie expires: one signed-out session
  // (`sid:<id>`), every session of a workspace that uninstalled (`workspace:<id>`), or of one admin
  // removed from it (`admin:<workspace>:<email>`), issued before `ended_before`. In the database so
  // that every instance refuses them at once.
  await sql`
    create table dashboard_session_ends (
      scope text primary key,
      ended_before timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db)
}
