import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // An erased person's pending write clears our attributes on their Intercom contact: the contact
  // id is kept here (and only here) until that write is done, since the participant row lost it.
  await sql`alter table pending_contact_writes add column erased_contact_id text`.execute(db)
}
