import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * PGlite is one session: when it is saturated, a statement waits behind every other one. Code
 * running for an Intercom request (which gives up after a few seconds) runs inside `shedding`:
 * its statements do not join a queue longer than the session's limit, nor wait past the deadline,
 * and fail with SessionBusyError instead, which the HTTP layer answers at once (a 503 with
 * Retry-After, or an error canvas). Background work (job processing) runs outside it and waits.
 */
export class SessionBusyError extends Error {
  override readonly name = 'SessionBusyError'
  readonly code = 'session_busy'
  constructor() {
    super('the database session is saturated; try again shortly')
  }
}

/**
 * How long a statement for an Intercom request may wait for the session: the answer (a 503 or a
 * busy card at worst) leaves within a second.
 */
export const REQUEST_WAIT_MS = 700

const scope = new AsyncLocalStorage<{ readonly deadline: number }>()
/**
 * Whether any session in this process sheds (an embedded database was opened). On Node 20 the
 * first AsyncLocalStorage.run installs promise hooks that then cost every promise of the process
 * something (a sixth of a cached card view's time on PostgreSQL): a process with a pool only
 * never pays it.
 */
let deadlinesKept = false

/** Called by a session that honours deadlines (the PGlite dialect), before its first statement. */
export function keepSessionDeadlines(): void {
  deadlinesKept = true
}

/** Runs `fn` so that its statements give up (SessionBusyError) rather than wait past `waitMs`. */
export function shedding<T>(waitMs: number, fn: () => T): T {
  return deadlinesKept ? scope.run({ deadline: Date.now() + waitMs }, fn) : fn()
}

/** When the current statement must have the session by (epoch ms), or null: wait as long as it takes. */
export function sessionDeadline(): number | null {
  return scope.getStore()?.deadline ?? null
}

export function isSessionBusy(error: unknown): boolean {
  return error instanceof SessionBusyError
}
