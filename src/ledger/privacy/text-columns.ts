import { sql } from 'kysely'
import type { Db } from '../db-types.js'

export interface TextColumn {
  readonly schema: string
  readonly table: string
  readonly column: string
  readonly json: boolean
  /** The table has a workspace_id column, so a sweep can stay inside one workspace. */
  readonly scoped: boolean
}

/**
 * Every text or JSON column of every base table the app and its job queue own, read from
 * information_schema: a table added later is covered without anyone remembering to list it.
 */
export async function textColumns(db: Db, schemas = ['public', 'pgboss']): Promise<TextColumn[]> {
  const rows = await sql<{
    table_schema: string
    table_name: string
    column_name: string
    data_type: string
    scoped: boolean
  }>`
    select c.table_schema, c.table_name, c.column_name, c.data_type,
      exists (
        select 1 from information_schema.columns w
        where w.table_schema = c.table_schema and w.table_name = c.table_name
          and w.column_name = 'workspace_id'
      ) as scoped
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema in (${sql.join(schemas)})
      and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'json', 'jsonb')
    order by c.table_schema, c.table_name, c.ordinal_position`.execute(db)
  return rows.rows.map((row) => ({
    schema: row.table_schema,
    table: row.table_name,
    column: row.column_name,
    json: row.data_type === 'json' || row.data_type === 'jsonb',
    scoped: row.scoped,
  }))
}
