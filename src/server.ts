import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connectDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { createApp } from './app.js'
import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { startJobQueue } from './jobs/queue.js'
import { startWorkers, type WorkerRegistration } from './jobs/workers.js'
import { registerNotificationWorker } from './webhooks/notification-worker.js'
import { createAttributeSetup } from './intercom/attribute-setup.js'
import { IntercomRateLimiter } from './intercom/rate-limiter.js'
import { WorkspaceCatalogCache } from './intercom/workspace-catalog-cache.js'
import { KnownWorkspaces } from './ledger/known-workspaces.js'
import { registerPrivateApp } from './intercom/private-app.js'
import { registerConversationNotes } from './intercom/notes/register.js'
import { registerContactWriteback } from './intercom/writeback/register.js'
import { installRewardIssuing } from './rewards/reward-issuing.js'
import { startReferrerViewCache } from './ledger/referrer-view-listener.js'
import { LedgerListeners } from './ledger/listeners.js'
import { createLogger, type Logger } from './logger.js'
import { assertPortAvailable } from './port-probe.js'
import { registerRewardFulfilment } from './rewards/fulfilment-worker.js'
import { registerContactSync } from './sync/register.js'
import { scheduleBackfill } from './sync/backfill.js'
import { deliverStripeCredit } from './billing/stripe-credit.js'
import { deliverStripeCouponReward } from './billing/stripe-coupon-reward.js'
import { registerStripeBilling } from './billing/register.js'
import { registerRetention } from './ledger/privacy/retention-worker.js'
import { registerFinPack } from './fin/register.js'
import { registerContestFreezing } from './contests/freeze-worker.js'
import { listenForRankMoves } from './contests/rank-moves.js'
import { runningContests } from './contests/running-contests.js'
import { runningExperiments } from './experiments/running-experiments.js'
import { registerRewardPayouts } from './rewards/payouts/payout-worker.js'

/** Background work started with the server, one line per capability (order is start order). */
export const WORKER_REGISTRATIONS: readonly WorkerRegistration[] = [
  registerPrivateApp(scheduleBackfill),
  registerContactWriteback,
  registerConversationNotes,
  registerNotificationWorker,
  registerRewardFulfilment({
    creditInStripe: deliverStripeCredit,
    couponInStripe: deliverStripeCouponReward,
  }),
  registerContactSync,
  registerStripeBilling,
  registerRetention,
  registerFinPack,
  registerContestFreezing,
  registerRewardPayouts,
]

/** How long in-flight requests may take to finish once shutdown has begun. */
const DRAIN_MS = 5_000
/** The bound on the whole shutdown: the process exits by then whatever clients or jobs do. */
export const SHUTDOWN_DEADLINE_MS = 14_000

export interface RunningServer {
  readonly ctx: AppContext
  readonly server: Server
  readonly url: string
  /** Stops taking requests, lets in-flight requests and jobs finish, then closes the database. */
  close(): Promise<void>
}

export interface StartOptions {
  readonly logger?: Logger
  /** Run the job queue and its workers (default true). */
  readonly jobs?: boolean
  readonly host?: string
}

/** The composition root: config → database → migrations → jobs → app → listen. */
export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel)
  const host = options.host ?? '0.0.0.0'
  await assertPortAvailable(config.port, host)
  // This instance's ledger listeners: every transaction of its database handle carries them.
  const listeners = new LedgerListeners()
  const database = await connectDatabase(config.database, {
    // Webhook processing's lanes (notification-worker.ts) each hold a connection for a transaction
    // and are bound by round trips, not CPU; 16 leaves the acks, card views and jobs room beside them.
    poolSize: 16,
    plugins: [listeners],
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost; replacing it'),
  })
  await migrateToLatest(database.db, (line) => logger.info(line))
  const jobs =
    options.jobs === false
      ? null
      : await startJobQueue(database, logger, {
          keepFinishedDays: config.retention.finishedJobsDays,
        })
  // Rewards are a ledger rule (issued inside the qualifying transaction), on with or without jobs.
  const stopIssuing = installRewardIssuing(database.db)
  // Contest rank notices are derived inside the transaction that moved someone on a board.
  const stopRankMoves = listenForRankMoves(database.db)
  const views = await startReferrerViewCache(database, logger)
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    logger,
    jobs,
    referrerViews: views.cache,
    // Both follow the card cache's notifications, so answers kept with cards stay true.
    contests: runningContests(database.db, Date.now, views.cache),
    experiments: runningExperiments(database.db, Date.now, views.cache),
    attributeSetup: createAttributeSetup(),
    intercomLimiter: new IntercomRateLimiter(database.db, {
      limitPerMinute: config.intercom.rateLimitPerMinute,
    }),
    knownWorkspaces: new KnownWorkspaces(),
    workspaceCatalogs: new WorkspaceCatalogCache(),
  }
  const stopWorkers = await startWorkers(ctx, WORKER_REGISTRATIONS)
  const app = createApp(ctx)
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 calls back with the error too (e.g. EADDRINUSE).
    const listening = app.listen(config.port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    )
  }).catch(async (error: unknown) => {
    // e.g. the port is taken: let go of the queue and the database before reporting it.
    await jobs?.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => {})
    await database.close().catch(() => {})
    throw error
  })
  server.keepAliveTimeout = 65_000
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        // In-flight requests get a few seconds; then every socket closes, whatever its client is
        // doing (a half-sent request would otherwise hold the process open indefinitely).
        setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref()
      })
      await stopWorkers()
      if (jobs) await jobs.stop({ graceful: true, wait: true, timeout: 10_000 })
      await views.stop()
      stopRankMoves()
      stopIssuing()
      await database.close()
    })())
  return { ctx, server, url: `http://127.0.0.1:${port}`, close }
}
