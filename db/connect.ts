import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pglite-dialect.js'
import { type Database } from './schema.js'

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string }

/** What pg-boss (and any raw SQL) needs: one entry point that shares the serialized path. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

export interface DatabaseHandle extends SqlExecutor {
  readonly db: Kysely<Database>
  readonly kind: 'postgres' | 'pglite'
  close(): Promise<void>
}

const INT8_OID = 20
const NUMERIC_OID = 1700

// int8 and numeric come back as JS numbers on both drivers: counters and minor-unit money stay far
// below 2^53, and one representation keeps the queries identical on PGlite and PostgreSQL.
pg.types.setTypeParser(INT8_OID, (value) => Number(value))
pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value))

/** The only place that constructs a database handle. */
export async function connectDatabase(
  target: DatabaseTarget,
  options: { poolSize?: number } = {},
): Promise<DatabaseHandle> {
  const dialect =
    target.kind === 'postgres'
      ? new PostgresDialect({
          pool: new pg.Pool({
            connectionString: target.url,
            max: options.poolSize ?? 10,
            connectionTimeoutMillis: 5_000,
            // A restarted server leaves dead sockets behind; idle ones are dropped rather than reused.
            idleTimeoutMillis: 10_000,
          }),
        })
      : new PGliteDialect(await openPGlite(target.dataDir))
  const db = new Kysely<Database>({ dialect })
  return {
    db,
    kind: target.kind,
    executeSql: (text, values) => executeSql(db, text, values),
    close: () => db.destroy(),
  }
}

export async function executeSql(
  db: Kysely<Database>,
  text: string,
  values: unknown[] = [],
): Promise<{ rows: unknown[] }> {
  const result = await db.executeQuery(CompiledQuery.raw(text, values))
  return { rows: result.rows as unknown[] }
}

async function openPGlite(dataDir: string): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const numberParser = (value: string) => Number(value)
  return PGlite.create(dataDir, {
    parsers: { [INT8_OID]: numberParser, [NUMERIC_OID]: numberParser },
  })
}
