import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import { SerialLock } from './serial-lock.js'
import { keepSessionDeadlines, sessionDeadline, SessionBusyError } from './session-admission.js'

/**
 * What the dialect needs of an embedded database: PGlite itself (on the caller's thread: tests,
 * the template builder), or the worker thread that owns one (pglite-thread.ts).
 */
export interface PGliteSession {
  readonly waitReady: Promise<void>
  readonly closed: boolean
  query<R>(
    sql: string,
    params: unknown[],
    options: { rowMode: 'object' },
  ): Promise<{ rows: R[]; affectedRows?: number }>
  exec(sql: string): Promise<Array<{ rows: unknown[]; affectedRows?: number }>>
  close(): Promise<void>
}

/** Enough for 64 connections' worth of requests to wait their turn; beyond it the session is saturated. */
export const DEFAULT_MAX_QUEUE = 128

/**
 * PGlite is one Postgres session. Every statement (Kysely's, pg-boss's, a migration's) goes through
 * this driver's lock, held from acquireConnection to releaseConnection, so a transaction owns the
 * session until it commits and nobody else's statement can land inside it.
 */
export class PGliteDialect implements Dialect {
  readonly #lock = new SerialLock()

  /** `maxQueue`: statements that may wait for the session before a request's statement is shed. */
  constructor(
    private readonly pglite: PGliteSession,
    private readonly options: { maxQueue: number } = { maxQueue: DEFAULT_MAX_QUEUE },
  ) {}

  /**
   * Whether a request's statement (one with a deadline: an ack, a card view) waits for the session,
   * so that a long transaction of background work should end soon.
   */
  sessionWanted(): boolean {
    return this.#lock.queuedWithLimit > 0
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.#lock, this.options.maxQueue)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

class PGliteDriver implements Driver {
  readonly #lock: SerialLock
  readonly #connection: PGliteConnection

  constructor(
    private readonly pglite: PGliteSession,
    lock: SerialLock,
    private readonly maxQueue: number,
  ) {
    this.#lock = lock
    this.#connection = new PGliteConnection(pglite)
    keepSessionDeadlines()
  }

  async init(): Promise<void> {
    await this.pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // A request's statement (see session-admission.ts) is shed rather than queued behind a
    // saturated session; background work waits its turn.
    const deadline = sessionDeadline()
    if (deadline === null) await this.#lock.acquire()
    else if (this.#lock.queued >= this.maxQueue) throw new SessionBusyError()
    else if (!(await this.#lock.acquire(deadline - Date.now()))) throw new SessionBusyError()
    return this.#connection
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${name}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`))
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release()
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close()
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGliteSession) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Parameterless text may hold several statements (pg-boss's schema scripts); exec runs them all.
    if (compiled.parameters.length === 0) {
      const results = await this.pglite.exec(compiled.sql)
      const last = results[results.length - 1]
      return {
        rows: (last?.rows ?? []) as R[],
        numAffectedRows: BigInt(last?.affectedRows ?? 0),
      }
    }
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters], {
      rowMode: 'object',
    })
    return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows ?? 0) }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite; page with keyset queries instead')
  }
}
