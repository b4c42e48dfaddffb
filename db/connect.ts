import { CompiledQuery, Kysely, type KyselyPlugin, PostgresDialect } from 'kysely'
import pg from 'pg'
import { prepareDataDir } from './data-dir.js'
import { type DataDirLock, lockDataDir } from './data-dir-lock.js'
import {
  type ListenCallbacks,
  listenOnPostgres,
  type StopListening,
} from './notification-listener.js'
import { DEFAULT_MAX_QUEUE, PGliteDialect } from './pglite-dialect.js'
import { createPGlite, INT8_OID, NUMERIC_OID } from './pglite-open.js'
import { type EmbeddedSession, openPGliteThread } from './pglite-thread.js'
import { preparingStatements } from './prepared-statements.js'
import type { Database } from './schema.js'

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | {
      readonly kind: 'pglite'
      readonly dataDir: string
      /** A dumpDataDir tarball to start from instead of an empty cluster (tests: a migrated template). */
      readonly snapshot?: Blob
    }

/** What pg-boss (and any raw SQL) needs: one entry point that shares the serialized path. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

export interface DatabaseHandle extends SqlExecutor {
  readonly db: Kysely<Database>
  readonly kind: 'postgres' | 'pglite'
  /**
   * LISTEN on `channel` (a fixed identifier): on PostgreSQL over a dedicated connection that
   * reconnects, on PGlite through the one serialized session (its notifications never drop).
   */
  listen(channel: string, callbacks: ListenCallbacks): Promise<StopListening>
  /**
   * Whether a request's statement waits for the embedded database's one session, so that a long
   * transaction of background work should end soon (always false on PostgreSQL: a pool has room).
   */
  sessionWanted(): boolean
  close(): Promise<void>
}

// int8 and numeric come back as JS numbers on both drivers: counters and minor-unit money stay far
// below 2^53, and one representation keeps the queries identical on PGlite and PostgreSQL.
pg.types.setTypeParser(INT8_OID, (value) => Number(value))
pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value))

/** The only place that constructs a database handle. */
export async function connectDatabase(
  target: DatabaseTarget,
  options: {
    poolSize?: number
    onPoolError?: (error: Error) => void
    /** PGlite: statements waiting for the session beyond which a request's statement is shed. */
    sessionQueueLimit?: number
    /** Given to Kysely, which hands them to every transaction (the app's ledger listeners ride here). */
    plugins?: KyselyPlugin[]
    /**
     * PGlite on the calling thread instead of a thread of its own (db/pglite-thread.ts). For tests,
     * which open hundreds of databases: a thread's PGlite starts in ~0.7 s, this one in ~0.3 s.
     */
    pgliteOnCallerThread?: boolean
  } = {},
): Promise<DatabaseHandle> {
  const opened =
    target.kind === 'pglite'
      ? await openPGlite(target.dataDir, target.snapshot, options.pgliteOnCallerThread ?? false)
      : null
  const pglite = opened?.pglite ?? null
  const embedded = pglite
    ? new PGliteDialect(pglite, { maxQueue: options.sessionQueueLimit ?? DEFAULT_MAX_QUEUE })
    : null
  const dialect =
    target.kind === 'postgres'
      ? new PostgresDialect({ pool: preparingStatements(postgresPool(target.url, options)) })
      : embedded!
  const db = new Kysely<Database>({ dialect, plugins: options.plugins ?? [] })
  const listen = async (channel: string, callbacks: ListenCallbacks): Promise<StopListening> => {
    if (target.kind === 'postgres') return listenOnPostgres(target.url, channel, callbacks)
    // PGlite's own listen() would run LISTEN beside the serialized path; onNotification runs none.
    const off = pglite!.onNotification((name, payload) => {
      if (name === channel) callbacks.onPayload(payload)
    })
    await executeSql(db, `listen ${channel}`)
    callbacks.onListening()
    return async () => off()
  }
  return {
    db,
    kind: target.kind,
    executeSql: (text, values) => executeSql(db, text, values),
    listen,
    sessionWanted: () => embedded?.sessionWanted() ?? false,
    close: async () => {
      await db.destroy()
      // Kysely closes only a session it has used: the embedded database's thread must end anyway.
      if (pglite && !pglite.closed) await pglite.close()
      await opened?.lock?.release()
    },
  }
}

function postgresPool(
  url: string,
  options: { poolSize?: number; onPoolError?: (error: Error) => void },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // A restarted server leaves dead sockets behind; idle ones are dropped rather than reused.
    idleTimeoutMillis: 10_000,
  })
  // A client whose server restarted emits 'error' (idle in the pool, or checked out between two
  // queries). Without a listener Node treats it as unhandled and the process dies (found by
  // test/faults); the pool drops a client that is no longer queryable when it is released.
  const report = (error: Error) => options.onPoolError?.(error)
  pool.on('error', report)
  pool.on('connect', (client) => client.on('error', report))
  return pool
}

export async function executeSql(
  db: Kysely<Database>,
  text: string,
  values: unknown[] = [],
): Promise<{ rows: unknown[] }> {
  const result = await db.executeQuery(CompiledQuery.raw(text, values))
  return { rows: result.rows as unknown[] }
}

async function openPGlite(
  dataDir: string,
  snapshot: Blob | undefined,
  onCallerThread: boolean,
): Promise<{ pglite: EmbeddedSession; lock: DataDirLock | null }> {
  let lock: DataDirLock | null = null
  if (!dataDir.startsWith('memory://')) {
    prepareDataDir(dataDir)
    // Held from before PGlite opens until the handle closes: one process per directory.
    lock = await lockDataDir(dataDir)
  }
  try {
    const pglite = onCallerThread
      ? await createPGlite(dataDir, snapshot)
      : await openPGliteThread(dataDir, snapshot)
    return { pglite, lock }
  } catch (error) {
    await lock?.release()
    throw error
  }
}
