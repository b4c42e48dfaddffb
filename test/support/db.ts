import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { LedgerListeners } from '../../src/ledger/listeners.js'
import { pgliteTemplate } from './pglite-template.js'
import type { Db } from '../../src/ledger/db-types.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'

const TEMPLATE_DATABASE = 'referrals_test_template'
const urls = new WeakMap<DatabaseHandle, string>()

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'
}

/**
 * A database of this test file's own: in-memory PGlite loaded from the migrated template's dump,
 * or on PostgreSQL (TEST_DATABASE_URL) a copy of the migrated template database. Closed and dropped after the file.
 * PGlite runs on the test's thread (it opens in less than half the time) unless `ownThread`, as the
 * app runs it; the app's own start-up (startServer, the built server and CLI) always uses its thread.
 */
export async function freshDatabase(
  options: { poolSize?: number; ownThread?: boolean } = {},
): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) {
    const snapshot = pgliteTemplate()
    const handle = await connectDatabase(
      { kind: 'pglite', dataDir: 'memory://', ...(snapshot ? { snapshot } : {}) },
      { plugins: [new LedgerListeners()], pgliteOnCallerThread: !options.ownThread },
    )
    if (!snapshot) await migrateToLatest(handle.db)
    afterAll(() => handle.close())
    return handle
  }
  const name = `referrals_test_${randomBytes(6).toString('hex')}`
  await withAdmin(url, (admin) =>
    admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`),
  )
  const target = new URL(url)
  target.pathname = `/${name}`
  const handle = await connectDatabase(
    { kind: 'postgres', url: target.toString() },
    { poolSize: options.poolSize ?? 20, plugins: [new LedgerListeners()] },
  )
  urls.set(handle, target.toString())
  afterAll(async () => {
    await handle.close()
    await withAdmin(url, (admin) => admin.query(`drop database if exists ${name} with (force)`))
  })
  return handle
}

/**
 * A second handle on the same PostgreSQL database as `handle` (another app instance), closed
 * after the file; null on PGlite, which is one process's alone.
 */
export async function anotherInstance(handle: DatabaseHandle): Promise<DatabaseHandle | null> {
  const url = urls.get(handle)
  if (!url) return null
  const other = await connectDatabase(
    { kind: 'postgres', url },
    { poolSize: 5, plugins: [new LedgerListeners()] },
  )
  afterAll(() => other.close())
  return other
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    return await run(admin)
  } finally {
    await admin.end()
  }
}

/** A workspace id of this test's own: tenants per test, never cleanup between tests. */
export function newWorkspaceId(): string {
  return `ws_${randomBytes(5).toString('hex')}`
}

/**
 * A workspace that installed the app, as an OAuth install leaves it: Canvas Kit requests are
 * served only for such workspaces.
 */
export async function installedWorkspaceId(db: Db): Promise<string> {
  const id = newWorkspaceId()
  await ensureWorkspace(db, { id })
  return id
}
