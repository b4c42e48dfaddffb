import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // The ledger stays append-only with two narrow exceptions: an erasure (as before: data and actor
  // id rewritten, never deleted) and the removal of a demo workspace, announced for that very
  // workspace by a transaction-local setting. Demo workspace ids start with `demo-`, which no
  // Intercom workspace id does, so no real ledger can be deleted this way.
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
      if tg_op = 'DELETE'
        and old.workspace_id like 'demo-%'
        and old.workspace_id = current_setting('referrals.demo_removal_workspace', true)
      then
        return old;
      end if;
      raise exception 'events is append-only';
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
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
}
