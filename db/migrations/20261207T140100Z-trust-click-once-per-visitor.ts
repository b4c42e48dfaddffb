import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // One click per visitor per code per day: the visitor hash rotates daily (src/http/visitor-hash.ts),
  // so (code, visitor hash) is unique within a day. Repeats already recorded are dropped first.
  await sql`
    delete from link_clicks later using link_clicks earlier
    where later.code_id = earlier.code_id
      and later.visitor_hash = earlier.visitor_hash
      and later.id > earlier.id`.execute(db)
  await sql`
    create unique index link_clicks_once_per_visitor on link_clicks (code_id, visitor_hash)
    where visitor_hash is not null`.execute(db)
}
