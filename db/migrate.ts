import { pathToFileURL } from 'node:url'
import { Migrator, type Kysely, type MigrationProvider } from 'kysely'
import { connectDatabase } from './connect.js'
import { migrations } from './migrations/index.js'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Runs every listed migration not yet applied; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  log: (line: string) => void = () => {},
): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  for (const result of results ?? []) {
    if (result.status === 'Success') log(`migrated ${result.migrationName}`)
    if (result.status === 'Error') log(`migration failed: ${result.migrationName}`)
  }
  if (error) throw error instanceof Error ? error : new Error(String(error))
}

// `npm run migrate`: the same migrations start-up runs, against DATABASE_URL or DATA_DIR.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL
  const target = url
    ? ({ kind: 'postgres', url } as const)
    : ({ kind: 'pglite', dataDir: process.env.DATA_DIR ?? './data' } as const)
  const handle = await connectDatabase(target)
  try {
    await migrateToLatest(handle.db, (line) => console.log(line))
    console.log(`database is up to date (${target.kind})`)
  } catch (error) {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  } finally {
    await handle.close()
  }
}
