import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit'
import type { Db } from '../ledger/db-types.js'
import { AppError } from '../errors.js'
import { PostgresRateLimitStore } from './rate-limit-store.js'

export interface RateLimitSettings {
  /** Requests allowed per client IP per window. */
  readonly limit: number
  readonly windowMs: number
  /** Count only refused requests (status >= 400), so well-behaved callers never reach the limit. */
  readonly failuresOnly?: boolean
  /** Count only requests answered 401 (a wrong signature or key): nothing else a caller does. */
  readonly unauthorizedOnly?: boolean
  /**
   * With unauthorizedOnly, for signatures nobody can guess (an HMAC of the body): a request that
   * verifies always passes, and the count is read only for one about to be refused (401), which
   * then gets the 429 instead. A signed request costs no statement. Never for keys or passwords,
   * whose limit must hold before the right one is tried.
   */
  readonly verifiedAlwaysPass?: boolean
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
  verifiedAlwaysPass: true,
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
 * back, a burst of good requests can never be refused, however many run at once. With
 * verifiedAlwaysPass the read waits for a refusal (refusedOverLimit, beside the error handler).
 */
function unauthorizedLimit(
  db: Db,
  name: string,
  settings: RateLimitSettings,
  onLimited: () => void,
): RequestHandler {
  const store = new PostgresRateLimitStore(db, name)
  store.init({ windowMs: settings.windowMs } as Options)
  /** Seconds to wait when the client is over the limit, else null. */
  const overLimit = async (key: string): Promise<number | null> => {
    // If the database cannot count, the request goes through rather than fail.
    const counted = await store.get(key).catch(() => undefined)
    if (!counted || counted.totalHits < settings.limit) return null
    onLimited()
    return Math.max(
      1,
      Math.ceil(((counted.resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000),
    )
  }
  const refuse = (res: Response, seconds: number) => {
    res.setHeader('Retry-After', String(seconds))
    res.status(429).json({
      error: {
        code: 'rate_limited',
        message: `Too many refused requests to ${name}; try again in ${seconds} seconds.`,
      },
    })
  }
  return async (req, res, next) => {
    if (settings.skip?.(req)) return next()
    const key = ipKeyGenerator(req.ip ?? '', IPV6_SUBNET)
    res.on('finish', () => {
      if (res.statusCode === 401) store.increment(key).catch(() => {})
    })
    if (settings.verifiedAlwaysPass) {
      const limit: RefusalLimit = async () => {
        const seconds = await overLimit(key)
        if (seconds === null) return false
        refuse(res, seconds)
        return true
      }
      res.locals[REFUSAL_LIMIT] = limit
      return next()
    }
    const seconds = await overLimit(key)
    if (seconds !== null) return refuse(res, seconds)
    next()
  }
}

/** Answers the 429 itself (true) when the client is over its limit of refusals. */
type RefusalLimit = () => Promise<boolean>
const REFUSAL_LIMIT = 'refusalLimit'

/**
 * Before the error handler: a request refused as unauthorized, from a client over a
 * verifiedAlwaysPass limit, is answered 429 with Retry-After instead of 401.
 */
export const refusedOverLimit: ErrorRequestHandler = async (error, _req, res, next) => {
  const limit = res.locals[REFUSAL_LIMIT] as RefusalLimit | undefined
  if (limit && error instanceof AppError && error.code === 'unauthorized' && (await limit())) return
  next(error)
}
