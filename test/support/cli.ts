import { spawn } from 'node:child_process'
import { connectDatabase } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { LedgerListeners } from '../../src/ledger/listeners.js'
import { BUILT, ROOT } from './built.js'

export { ROOT }

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the compiled CLI (built once by the global setup) as a fresh process. */
export function cli(dataDir: string, args: string[]): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
  }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT.cli, ...args], {
      cwd: ROOT,
      env,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Seeds the data directory in this process, and closes it again: PGlite is one process at a time. */
export async function withDatabase<T>(
  dataDir: string,
  run: (db: Awaited<ReturnType<typeof connectDatabase>>['db']) => Promise<T>,
) {
  const handle = await connectDatabase(
    { kind: 'pglite', dataDir },
    { plugins: [new LedgerListeners()] },
  )
  try {
    await migrateToLatest(handle.db)
    return await run(handle.db)
  } finally {
    await handle.close()
  }
}
