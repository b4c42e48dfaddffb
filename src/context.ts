import type { Kysely } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import type { Database } from '../db/schema.js'
import type { Config } from './config.js'
import type { JobQueue } from './jobs/queue.js'
import type { ReferrerViewCache } from './ledger/referrer-view-cache.js'
import type { Logger } from './logger.js'
import type { RunningContests } from './contests/running-contests.js'
import type { RunningExperiments } from './experiments/running-experiments.js'

/** Built once by the composition root (src/main.ts, or a test) and passed down; no module globals. */
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
