import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { migrateToLatest } from '../../db/migrate.js'
import { PGliteDialect } from '../../db/pglite-dialect.js'

/**
 * The PGlite twin of PostgreSQL's template database: a migrated cluster, dumped once, that every
 * test file's in-memory database starts from. An empty cluster costs an initdb (~1.6 s of
 * WebAssembly) and the migrations another ~0.3 s per file; loading the dump ~0.3 s.
 * Keyed by the migrations, the lock file and this recipe, so any change to them makes a new one.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'intercom-referrals')

function templatePath(): string {
  const migrationsDir = join(ROOT, 'db', 'migrations')
  const hash = createHash('sha256')
  for (const file of readdirSync(migrationsDir).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(migrationsDir, file)))
  }
  hash.update(readFileSync(join(ROOT, 'package-lock.json')))
  // And the recipe below: a template built another way is another template.
  hash.update(readFileSync(fileURLToPath(import.meta.url)))
  return join(CACHE_DIR, `pglite-template-${hash.digest('hex').slice(0, 16)}.tar`)
}

/** Builds the template unless this very one exists (the global setup, once per run). */
export async function ensurePGliteTemplate(): Promise<void> {
  const path = templatePath()
  if (existsSync(path)) return
  mkdirSync(CACHE_DIR, { recursive: true })
  const pglite = await PGlite.create('memory://')
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) })
  try {
    await migrateToLatest(db)
    // PGlite's session uses template1: the other two databases of the cluster were most of the
    // dump, and loading it is most of a test database's start (~0.9 s → ~0.4 s of CPU measured).
    await pglite.exec('drop database postgres')
    await pglite.exec(`update pg_database set datistemplate = false where datname = 'template0'`)
    await pglite.exec('drop database template0')
    await pglite.exec('vacuum full')
    await pglite.exec('checkpoint')
    const dump = await pglite.dumpDataDir('none')
    for (const old of readdirSync(CACHE_DIR)) {
      if (old.startsWith('pglite-template-')) rmSync(join(CACHE_DIR, old), { force: true })
    }
    // Written aside and renamed, so a file reading it never sees half a dump.
    const partial = `${path}.${process.pid}.partial`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, path)
  } finally {
    await db.destroy()
  }
}

/** The migrated cluster to start a test database from, or null (no global setup ran). */
export function pgliteTemplate(): Blob | null {
  try {
    return new Blob([readFileSync(templatePath())])
  } catch {
    return null
  }
}
