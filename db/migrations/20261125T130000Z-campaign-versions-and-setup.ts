import type { Kysely } from 'kysely'

// A campaign's version lets two admins editing at once find out instead of overwriting each other;
// first_canvas_at records the first Messenger initialize, the set-up checklist's "card added".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('workspaces').addColumn('first_canvas_at', 'timestamptz').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('first_canvas_at').execute()
  await db.schema.alterTable('campaigns').dropColumn('version').execute()
}
