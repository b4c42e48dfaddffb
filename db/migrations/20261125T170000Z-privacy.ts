import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // One random salt per deployment: erased people are recognised by keyed hashes, never raw values.
  await sql`
    create table privacy_salts (
      id smallint primary key check (id = 1),
      salt text not null,
      created_at timestamptz not null default now()
    )`.execute(db)

  // Who was erased, as salted hashes of their email, contact id and codes: a later sync, invite or
  // webhook does not bring them back, and their old links answer 410.
  await sql`
    create table erased_identities (
      workspace_id text not null references workspaces(id),
      identity_hash text not null,
      kind text not null check (kind in ('email', 'contact', 'code')),
      erased_at timestamptz not null default now(),
      primary key (workspace_id, identity_hash)
    )`.execute(db)
  // A referral link names no workspace: its code is looked up by hash alone.
  await sql`create index erased_identities_codes on erased_identities (identity_hash) where kind = 'code'`.execute(
    db,
  )

  await sql`alter table participants add column erased_at timestamptz`.execute(db)

  // The ledger stays append-only, with one narrow exception: an erasure, announced for its own
  // workspace by a transaction-local setting, may rewrite an event's data and actor id (personal
  // data), never its id, type, subject, actor type or time, and never delete it. The same
  // transaction appends the `person.erased` event that records who did it.
  await sql`
    create or replace function events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and coalesce(current_setting('referrals.erasure_workspace', true), '') <> ''
        and old.workspace_id = current_setting('referrals.erasure_workspace', true)
        and new.id = old.id
        and new.workspace_id = old.workspace_id
        and new.type = old.type
        and new.subject_type = old.subject_type
        and new.subject_id = old.subject_id
        and new.actor_type = old.actor_type
        and new.created_at = old.created_at
      then
        return new;
      end if;
      raise exception 'events is append-only';
    end $$`.execute(db)

  // Per-IP request counters shared by every app instance (express-rate-limit's store).
  await sql`
    create table http_rate_limits (
      key text primary key,
      hits integer not null,
      reset_at timestamptz not null
    )`.execute(db)
  await sql`create index http_rate_limits_expiry on http_rate_limits (reset_at)`.execute(db)

  // Retention deletes the oldest rows of a workspace in small batches: these keep each batch an
  // index range scan instead of a walk over a million-row table.
  await sql`create index contact_snapshots_age on contact_snapshots (workspace_id, updated_at)`.execute(
    db,
  )
  await sql`create index webhook_notifications_age on webhook_notifications (workspace_id, received_at)`.execute(
    db,
  )
  // Invite limits count a workspace's recent invitations.
  await sql`create index referrals_invites on referrals (workspace_id, created_at) where source = 'invite'`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists referrals_invites`.execute(db)
  await sql`drop index if exists webhook_notifications_age`.execute(db)
  await sql`drop index if exists contact_snapshots_age`.execute(db)
  await sql`drop table if exists http_rate_limits`.execute(db)
  await sql`
    create or replace function events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events is append-only';
    end $$`.execute(db)
  await sql`alter table participants drop column if exists erased_at`.execute(db)
  await sql`drop table if exists erased_identities`.execute(db)
  await sql`drop table if exists privacy_salts`.execute(db)
}
