import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // The contacts an import has read, so its progress counts each once: our own write-back moves an
  // imported contact behind the ascending scan's cursor, where the scan reads it again. Emptied
  // when the run ends.
  await sql`
    create table sync_run_contacts (
      run_id uuid not null references sync_runs (id) on delete cascade,
      contact_id text not null,
      primary key (run_id, contact_id)
    )
  `.execute(db)
}
