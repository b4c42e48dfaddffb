import type { Request, RequestHandler } from 'express'
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit'
import type { Db } from '../ledger/db-types.js'
import { PostgresRateLimitStore } from './rate-limit-store.js'

export interface RateLimitSettings {
  /** Requests allowed per client IP per window. */
  readonly limit: number
  readonly windowMs: number
  /** Count only refused requests (status >= 400), so well-behaved callers never reach the limit. */
  readonly failuresOnly?: boolean
  /** Count only requests answered 401 (a wrong signature or key): nothing else a caller does. */
  readonly unauthorizedOnly?: boolean
  /** Requests for which the limiter neither counts nor refuses. */
  readonly skip?: (req: Request) => boolean
}

// IPv6 clients are counted per /56, the prefix ISPs commonly give one customer (RIPE-690): one
// person holds billions of /128 addresses. express-rate-limit 8 masks the key to it.
export const IPV6_SUBNET = 56

/** Defaults: generous for a person clicking links or Intercom's webhook bursts, tight for a script. */
export const REFERRAL_LINK_LIMIT: RateLimitSettings = { limit: 120, windowMs: 60_000 }
// Intercom answers a 429 by throttling the whole webhook subscription for up to 2 h and then
// dropping notifications, so only signature failures count: a signed webhook never does, whatever
// it holds (https://developers.intercom.com/docs/webhooks/webhook-notifications).
export const WEBHOOK_LIMIT: RateLimitSettings = {
  limit: 300,
  windowMs: 60_000,
  unauthorizedOnly: true,
}

/** Wrong keys, like wrong sign-ins: 10 refused attempts per client per 15 minutes, then 429. */
export const WRONG_KEY_LIMIT: RateLimitSettings = {
  limit: 10,
  windowMs: 15 * 60_000,
  unauthorizedOnly: true,
}

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
  if (settings.unauthorizedOnly) return unauthorizedLimit(db, name, settings, onLimited)
  const options: Partial<Options> = {
    store: new PostgresRateLimitStore(db, name),
    passOnStoreError: true,
    windowMs: settings.windowMs,
    limit: settings.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ipv6Subnet: IPV6_SUBNET,
    skipSuccessfulRequests: settings.failuresOnly ?? false,
    ...(settings.skip ? { skip: settings.skip } : {}),
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

/**
 * A limiter that counts only 401 answers: it reads the client's count before the request (one
 * read, no write) and adds one after a 401. Unlike counting every request and taking successes
 * back, a burst of good requests can never be refused, however many run at once.
 */
function unauthorizedLimit(
  db: Db,
  name: string,
  settings: RateLimitSettings,
  onLimited: () => void,
): RequestHandler {
  const store = new PostgresRateLimitStore(db, name)
  store.init({ windowMs: settings.windowMs } as Options)
  return async (req, res, next) => {
    if (settings.skip?.(req)) return next()
    const key = ipKeyGenerator(req.ip ?? '', IPV6_SUBNET)
    // If the database cannot count, the request goes through rather than fail.
    const counted = await store.get(key).catch(() => undefined)
    if (counted && counted.totalHits >= settings.limit) {
      onLimited()
      const seconds = Math.max(
        1,
        Math.ceil(((counted.resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000),
      )
      res.setHeader('Retry-After', String(seconds))
      res.status(429).json({
        error: {
          code: 'rate_limited',
          message: `Too many refused requests to ${name}; try again in ${seconds} seconds.`,
        },
      })
      return
    }
    res.on('finish', () => {
      if (res.statusCode === 401) store.increment(key).catch(() => {})
    })
    next()
  }
}
