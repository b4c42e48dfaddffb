import type { Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // The provider's catalog as last read (Tango Card asks for at most a read or two a day), so the
  // campaign editor offers its items without a call per page view.
  await db.schema
    .alterTable('payout_connections')
    .addColumn('catalog', 'jsonb')
    .addColumn('catalog_read_at', 'timestamptz')
    .execute()
}
