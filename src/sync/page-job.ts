import { forgetContactsRead } from './contacts-read.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { IntercomApiError, IntercomRateLimitedError } from '../intercom/api-types.js'
import type { Logger } from '../logger.js'
import { enqueueSyncPage } from './queues.js'
import { type PageOutcome, runSyncPage, type SyncDeps } from './run-page.js'

/** Consecutive failed attempts at one page before the run is given up as failed. */
export const MAX_PAGE_FAILURES = 8

export type DriveOutcome = PageOutcome | 'handed-off' | 'rescheduled' | 'failed'

/**
 * Imports pages of a run one after another. With `sliceMs` (a pg-boss job) it stops after that
 * long, queuing the next page inside the last page's transaction, so one job never outlives its
 * expiry and other queues get their turn; without it (the CLI) it runs to the end.
 *
 * A rate limit waits for the budget (a delayed job, or a pause in the CLI); a refusal that retrying
 * cannot fix (revoked token, unknown segment) fails the run; anything else is recorded and rethrown
 * so pg-boss retries with backoff, and the run fails after MAX_PAGE_FAILURES in a row.
 */
export async function driveSyncRun(
  deps: SyncDeps & { logger: Logger },
  runId: string,
  options: { sliceMs?: number; onPage?: () => Promise<void> | void } = {},
): Promise<DriveOutcome> {
  const started = Date.now()
  for (;;) {
    const chain =
      options.sliceMs !== undefined && deps.jobs !== null && Date.now() - started >= options.sliceMs
    let outcome: PageOutcome
    try {
      outcome = await runSyncPage(deps, runId, { chain })
    } catch (error) {
      if (error instanceof IntercomRateLimitedError) {
        await noteFailure(deps, runId, `rate limited until ${error.retryAt.toISOString()}`, false)
        if (deps.jobs && options.sliceMs !== undefined) {
          await enqueueSyncPage(deps.jobs, runId, { startAfter: error.retryAt })
          return 'rescheduled'
        }
        await sleep(Math.max(100, error.retryAt.getTime() - Date.now()))
        continue
      }
      const message = error instanceof Error ? error.message : String(error)
      const permanent = error instanceof IntercomApiError && !error.retryable
      const failures = await noteFailure(deps, runId, message, true)
      if (permanent || failures >= MAX_PAGE_FAILURES) {
        await deps.db
          .updateTable('sync_runs')
          .set({ status: 'failed', finished_at: new Date(), updated_at: new Date() })
          .where('id', '=', runId)
          .where('status', '=', 'running')
          .execute()
        await forgetContactsRead(deps.db, runId)
        deps.logger.warn({ runId, err: error }, 'contact import failed')
        return 'failed'
      }
      throw error
    }
    await options.onPage?.()
    if (outcome !== 'continue') return outcome
    if (chain) return 'handed-off'
  }
}

async function noteFailure(
  deps: SyncDeps,
  runId: string,
  message: string,
  count: boolean,
): Promise<number> {
  const row = await deps.db
    .updateTable('sync_runs')
    .set((eb) => ({
      error: message.slice(0, 500),
      failures: count ? eb('failures', '+', 1) : eb.ref('failures'),
      updated_at: new Date(),
    }))
    .where('id', '=', runId)
    .returning('failures')
    .executeTakeFirst()
  return row?.failures ?? 0
}
