import type { AppContext } from '../context.js'
import { IntercomRateLimiter } from './rate-limiter.js'

/**
 * The one limiter of this app instance (its batches are per instance), created by the composition
 * root; a context without one (a test's, the CLI's) paces each client on its own.
 */
export function instanceRateLimiter(
  ctx: Pick<AppContext, 'db' | 'config' | 'intercomLimiter'>,
): IntercomRateLimiter {
  return (
    ctx.intercomLimiter ??
    new IntercomRateLimiter(ctx.db, { limitPerMinute: ctx.config.intercom.rateLimitPerMinute })
  )
}
