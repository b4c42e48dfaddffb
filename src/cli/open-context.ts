import { connectDatabase } from '../../db/connect.js'
import { processesUsing } from '../../db/data-dir.js'
import { migrateToLatest } from '../../db/migrate.js'
import type { Config } from '../config.js'
import type { AppContext } from '../context.js'
import { startJobQueue } from '../jobs/queue.js'
import { createLogger } from '../logger.js'
import { CommandError } from './cli.js'

/** The configured database, migrated, as an app context; jobs only when a command sends them. */
export async function openContext(
  config: Config,
  options: { jobs?: boolean; log?: (line: string) => void } = {},
): Promise<{ ctx: AppContext; close(): Promise<void> }> {
  if (config.database.kind === 'pglite' && !config.database.dataDir.startsWith('memory://')) {
    const holders = processesUsing(config.database.dataDir)
    if (holders.length > 0) {
      throw new CommandError(
        `the embedded database in ${config.database.dataDir} is in use by process ${holders.join(', ')} (a running server?). ` +
          'PGlite allows one process at a time: stop the server first, or run the CLI with DATABASE_URL pointing at PostgreSQL.',
      )
    }
  }
  const database = await connectDatabase(config.database, { poolSize: 2 })
  const logger = createLogger('silent')
  try {
    await migrateToLatest(database.db, options.log)
    // The queue only sends here (supervise off): workers run in the server, not in the CLI.
    const jobs = options.jobs ? await startJobQueue(database, logger, { supervise: false }) : null
    const ctx: AppContext = { config, database, db: database.db, logger, jobs }
    return {
      ctx,
      async close() {
        if (jobs) await jobs.stop({ graceful: true, wait: true, timeout: 5_000 })
        await database.close()
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}
