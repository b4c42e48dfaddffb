import { ConfigError, loadConfig } from './config.js'
import { keepHeapClose } from './heap-growth.js'
import { createLogger } from './logger.js'
import { SHUTDOWN_DEADLINE_MS, startServer } from './server.js'
import { describeStartupError } from './startup-error.js'

// Process entry: a configuration or start-up error is one line naming the variable at fault and
// exit code 1, never a stack trace.
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
  // Measured on PostgreSQL, where the resident size has a target; PGlite's is mostly its own
  // WebAssembly memory, and its one thread already carries every statement.
  if (config.database.kind === 'postgres') keepHeapClose()
  const logger = createLogger(config.logLevel)
  if (config.encryptionKeyGenerated) {
    logger.warn(
      'ENCRYPTION_KEY is not set: using a key generated for this run; stored Intercom tokens will not survive a restart',
    )
  }
  let running
  try {
    running = await startServer(config, { logger })
  } catch (error) {
    process.stderr.write(`start-up failed: ${describeStartupError(error, config)}\n`)
    process.exit(1)
  }
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : `embedded PGlite in ${config.database.dataDir}`
  logger.info(`listening on port ${config.port} (${config.publicUrl}), database: ${where}`)
  if (config.playground) logger.info(`playground: ${running.url}/playground`)
  if (!config.intercom.clientSecret && !config.intercom.privateApp) {
    logger.info(
      `no Intercom credentials: set INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET (App Store install) or INTERCOM_ACCESS_TOKEN and INTERCOM_WORKSPACE_ID (private app) to connect a workspace`,
    )
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: draining requests and jobs`)
    // Bounded whatever clients or jobs do: an orchestrator's SIGKILL (often 30 s later) never has to.
    setTimeout(() => {
      logger.warn(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now`)
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS).unref()
    running
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

void main()
