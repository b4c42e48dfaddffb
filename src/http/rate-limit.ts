import type { RequestHandler } from 'express'
import { rateLimit, type Options } from 'express-rate-limit'
import type { Db } from '../ledger/db-types.js'
import { PostgresRateLimitStore } from './rate-limit-store.js'

export interface RateLimitSettings {
  /** Requests allowed per client IP per window. */
  readonly limit: number
  readonly windowMs: number
  /** Count only refused requests (status >= 400), so well-behaved callers never reach the limit. */
  readonly failuresOnly?: boolean
}

/** Defaults: generous for a person clicking links or Intercom's webhook bursts, tight for a script. */
export const REFERRAL_LINK_LIMIT: RateLimitSettings = { limit: 120, windowMs: 60_000 }
// Intercom answers a 429 by throttling the whole webhook subscription for up to 2 h and then
// dropping notifications (https://developers.intercom.com/docs/references/webhooks/webhook-models), so only failed (unsigned, malformed) webhooks count.
export const WEBHOOK_LIMIT: RateLimitSettings = { limit: 300, windowMs: 60_000, failuresOnly: true }

/**
 * A per-IP limiter answering 429 with a JSON message and Retry-After. Counters live in the
 * database (PostgresRateLimitStore), so N instances behind a load balancer count together; if the
 * database cannot count, the request goes through rather than fail. The client IP is req.ip,
 * which honours the app's `trust proxy` setting.
 */
export function perIpLimit(
  db: Db,
  name: string,
  settings: RateLimitSettings,
  onLimited: () => void = () => {},
): RequestHandler {
  const options: Partial<Options> = {
    store: new PostgresRateLimitStore(db, name),
    passOnStoreError: true,
    windowMs: settings.windowMs,
    limit: settings.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: settings.failuresOnly ?? false,
    // Retry-After is always sent with the 429 (express-rate-limit sets it with standard headers).
    handler: (_req, res, _next, opts) => {
      onLimited()
      res.status(opts.statusCode).json({
        error: {
          code: 'rate_limited',
          message: `Too many requests to ${name}; try again in ${res.getHeader('Retry-After') ?? Math.ceil(settings.windowMs / 1000)} seconds.`,
        },
      })
    },
  }
  return rateLimit(options)
}
