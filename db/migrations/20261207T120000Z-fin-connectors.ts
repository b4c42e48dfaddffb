import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per workspace whose Fin connectors the app manages: the secret the connectors send
  // (encrypted like access tokens; the one before a rotation stays valid for a short while), the
  // version of the pack last provisioned, and a lease so two connects never provision at once.
  await sql`
    create table fin_packs (
      workspace_id text primary key references workspaces(id),
      secret_ciphertext text not null,
      previous_secret_ciphertext text,
      previous_secret_until timestamptz,
      pack_version integer not null default 0,
      last_error text,
      lease_until timestamptz,
      provisioned_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)

  // Which connector in Intercom is which of ours: Intercom's id and the definition last sent.
  await sql`
    create table fin_connectors (
      workspace_id text not null references workspaces(id),
      connector_key text not null,
      intercom_id text not null,
      definition_hash text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, connector_key)
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table fin_connectors`.execute(db)
  await sql`drop table fin_packs`.execute(db)
}
