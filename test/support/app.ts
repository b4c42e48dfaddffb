import type { Express } from 'express'
import { afterAll } from 'vitest'
import { createApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import type { AppContext } from '../../src/context.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { createLogger } from '../../src/logger.js'
import { startReferrerViewCache } from '../../src/ledger/referrer-view-listener.js'
import { freshDatabase } from './db.js'
import { pgliteTemplate } from './pglite-template.js'
import { runningContests } from '../../src/contests/running-contests.js'
import { runningExperiments } from '../../src/experiments/running-experiments.js'
import { IntercomRateLimiter } from '../../src/intercom/rate-limiter.js'
import { WorkspaceCatalogCache } from '../../src/intercom/workspace-catalog-cache.js'
import { KnownWorkspaces } from '../../src/ledger/known-workspaces.js'

export const TEST_CLIENT_SECRET = 'test-client-secret-0123456789'

let template: Blob | null | undefined

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    PUBLIC_URL: 'https://referrals.example.test',
    DATA_DIR: 'memory://',
    INTERCOM_CLIENT_ID: 'test-client-id',
    INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    ADMIN_API_KEY: 'test-admin-key-0123456789',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // A request's first statement may wait behind a loaded machine, not only behind a saturated
    // session: tests of other things should not meet the busy card (session-shedding.test.ts
    // runs with the production default).
    PGLITE_REQUEST_WAIT_MS: '5000',
    ...overrides,
  })
  // An app started from this config (startServer) loads the migrated template the global setup
  // dumped, instead of an initdb and every migration (~1 s of CPU per start).
  if (config.database.kind !== 'pglite' || !config.database.dataDir.startsWith('memory://'))
    return config
  template ??= pgliteTemplate()
  if (!template) return config
  return Object.freeze({ ...config, database: { ...config.database, snapshot: template } })
}

/** The app in-process on a fresh database of this file's own, for supertest. */
export async function testApp(
  overrides: Record<string, string | undefined> = {},
): Promise<{ app: Express; ctx: AppContext }> {
  const config = testConfig(overrides)
  const database = await freshDatabase()
  installRewardIssuing(database.db)
  const logger = createLogger(config.logLevel)
  // The card cache as production runs it, where notifications arrive within the committing
  // statement (PGlite), so every canvas test also proves that no change leaves a card stale.
  const views = database.kind === 'pglite' ? await startReferrerViewCache(database, logger) : null
  if (views) afterAll(() => views.stop())
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    logger,
    jobs: null,
    referrerViews: views?.cache ?? null,
    // As src/server.ts composes them: contests on the card, experiments' variants.
    contests: runningContests(database.db, Date.now, views?.cache ?? null),
    experiments: runningExperiments(database.db, Date.now, views?.cache ?? null),
    intercomLimiter: new IntercomRateLimiter(database.db, {
      limitPerMinute: config.intercom.rateLimitPerMinute,
    }),
    knownWorkspaces: new KnownWorkspaces(),
    workspaceCatalogs: new WorkspaceCatalogCache(),
  }
  return { app: createApp(ctx), ctx }
}
