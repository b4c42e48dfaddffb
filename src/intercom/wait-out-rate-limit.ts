import { setTimeout as sleep } from 'node:timers/promises'
import { IntercomRateLimitedError } from './api-types.js'

export interface WaitOutOptions {
  /** The longest the whole attempt may take, waits included; a later reset is thrown to the caller. */
  readonly maxWaitMs: number
  readonly now?: () => number
  readonly sleep?: (ms: number) => Promise<unknown>
}

/**
 * Runs `attempt`, and after each 429 waits in place until Intercom's reset (X-RateLimit-Reset or
 * Retry-After, read into `retryAt`) and runs it again, as long as that reset falls within
 * `maxWaitMs` of the start. A reset further away is thrown, for the caller to retry later.
 */
export async function waitOutRateLimits<T>(
  attempt: () => Promise<T>,
  options: WaitOutOptions,
): Promise<T> {
  const now = options.now ?? Date.now
  const wait = options.sleep ?? sleep
  const deadline = now() + options.maxWaitMs
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof IntercomRateLimitedError) || error.retryAt.getTime() > deadline)
        throw error
      await wait(Math.max(0, error.retryAt.getTime() - now()))
    }
  }
}
