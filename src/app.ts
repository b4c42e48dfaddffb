import express, { type Express } from 'express'
import { shedding } from '../db/session-admission.js'
import type { AppContext } from './context.js'
import { errorHandler, notFoundHandler } from './http/error-handler.js'
import { leanCardViews } from './http/canvas/lean-card-views.js'
import { cleanBodies, refuseNulInUrl } from './http/hostile-text.js'
import { csrfProtection, csrfTokenInPages } from './http/csrf.js'
import { liveDashboardSessions } from './http/live-sessions.js'
import { rejectMalformedUrls } from './http/malformed-url.js'
import { bodyParsers } from './http/raw-body.js'
import { requestContext } from './http/request-context.js'
import { mountRoutes } from './http/routes/index.js'
import { observeRequests } from './http/observe.js'
import {
  perIpLimit,
  REFERRAL_LINK_LIMIT,
  WEBHOOK_LIMIT,
  WRONG_KEY_LIMIT,
  refusedOverLimit,
  type RateLimitSettings,
} from './http/rate-limit.js'
import { metricsRoutes } from './http/routes/metrics.js'
import { securityHeaders } from './http/security.js'
import { createMetrics } from './metrics.js'

export interface AppOptions {
  /** Per-IP limits on the public referral links and the webhook endpoint (tests lower them). */
  readonly rateLimits?: {
    readonly referralLinks?: RateLimitSettings
    readonly webhooks?: RateLimitSettings
    readonly wrongKeys?: RateLimitSettings
  }
}

/** The Express app, without listening: tests drive it in-process with supertest. */
export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback, linklocal, uniquelocal')
  app.set('query parser', 'simple')
  // Answers are to POSTs or are not cacheable: hashing every body for an ETag is wasted work.
  app.set('etag', false)
  app.use(requestContext(ctx.logger))
  const metrics = createMetrics(ctx)
  app.use(securityHeaders(), observeRequests(metrics))
  // Card views whose answer is cached, before the rest of the stack (see lean-card-views.ts).
  app.use(leanCardViews(ctx))
  const limited = (name: string) => () => metrics.rateLimited.inc({ limiter: name })
  const limits = options.rateLimits ?? {}
  app.use(
    '/r',
    perIpLimit(ctx.db, 'referral links', limits.referralLinks ?? REFERRAL_LINK_LIMIT, limited('r')),
  )
  app.use(
    '/intercom/webhooks',
    perIpLimit(ctx.db, 'webhooks', limits.webhooks ?? WEBHOOK_LIMIT, limited('webhooks')),
  )
  // Wrong bearer keys on the API and /metrics count like wrong sign-ins; a request without a key
  // (the dashboard's cookie) is not counted here.
  app.use(
    ['/api/v1', '/metrics'],
    perIpLimit(
      ctx.db,
      'admin keys',
      { ...(limits.wrongKeys ?? WRONG_KEY_LIMIT), skip: (req) => !req.get('authorization') },
      limited('keys'),
    ),
  )
  app.use(rejectMalformedUrls, refuseNulInUrl)
  app.use(...bodyParsers(), cleanBodies)
  // Intercom gives up after 5 s (webhooks) or 10 s (canvases): their statements are shed at once
  // when the embedded database's one session is saturated, never left hanging (after the body
  // parsers, whose stream callbacks would run outside the scope).
  app.use(['/canvas', '/intercom/webhooks'], (_req, _res, next) =>
    shedding(ctx.config.requestWaitMs, next),
  )
  app.use(liveDashboardSessions(ctx.db, ctx.config))
  app.use(['/admin', '/api/v1'], csrfTokenInPages(ctx.config), csrfProtection(ctx.config))
  app.use(metricsRoutes(ctx, metrics))
  mountRoutes(app, ctx)
  app.use(notFoundHandler)
  app.use(refusedOverLimit, errorHandler)
  return app
}
