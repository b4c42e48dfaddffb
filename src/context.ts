import type { Kysely } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import type { Database } from '../db/schema.js'
import type { Config } from './config.js'
import type { IntercomRateLimiter } from './intercom/rate-limiter.js'
import type { WorkspaceCatalogCache } from './intercom/workspace-catalog-cache.js'
import type { JobQueue } from './jobs/queue.js'
import type { KnownWorkspaces } from './ledger/known-workspaces.js'
import type { ReferrerViewCache } from './ledger/referrer-view-cache.js'
import type { Logger } from './logger.js'
import type { RunningContests } from './contests/running-contests.js'
import type { RunningExperiments } from './experiments/running-experiments.js'

/**
 * Built once by the composition root (src/server.ts, the CLI, or a test) and passed down: every
 * cache and registry of an instance lives here or in its database handle (the ledger's listeners,
 * see ledger/listeners.ts), none in a module (test/unit/module-state.test.ts keeps it so).
 */
export interface AppContext {
  readonly config: Config
  readonly database: DatabaseHandle
  readonly db: Kysely<Database>
  readonly logger: Logger
  /** The durable job queue; absent in tests that exercise HTTP alone. */
  readonly jobs: JobQueue | null
  /** Recently viewed referrer cards (LISTEN-invalidated); absent: every card view reads the database. */
  readonly referrerViews?: ReferrerViewCache | null
  /** Which campaigns run a contest now (a few seconds' memory); absent: the card asks the database. */
  readonly contests?: RunningContests | null
  /** Running A/B experiments per campaign and who was assigned; absent: the card shows none. */
  readonly experiments?: RunningExperiments | null
  /** One contact-attribute set-up per workspace, awaited by contact writers; absent: each write asks. */
  readonly attributeSetup?: AttributeSetup | null
  /** The instance's pacing of Intercom calls; absent: each Intercom client paces itself alone. */
  readonly intercomLimiter?: IntercomRateLimiter | null
  /** Workspaces known to exist, and whose first card view is recorded; absent: the database is asked. */
  readonly knownWorkspaces?: KnownWorkspaces | null
  /** The dashboard pickers' lists of Intercom attributes and segments; absent: each page asks Intercom. */
  readonly workspaceCatalogs?: WorkspaceCatalogCache | null
}

/**
 * One contact-attribute set-up per workspace in this process, which writers await before sending
 * values: a contact write carrying an attribute Intercom does not have yet is refused with a 400.
 * Callers arriving while a set-up runs share it; a failed or unconnected one is not remembered, so
 * the next writer tries again. Another instance's concurrent set-up is harmless: an attribute that
 * already exists counts as created (see `createDataAttribute`).
 */
export interface AttributeSetup {
  /** Resolves once this workspace's attributes were set up (by this call or an earlier one). */
  ready(ctx: AppContext, workspaceId: string): Promise<void>
  /** Sets them up again (an attribute went missing); joins a set-up already running. */
  redo(ctx: AppContext, workspaceId: string): Promise<void>
  /** Records a set-up done by other means (an install creates the attributes before storing the token). */
  done(workspaceId: string): void
}
