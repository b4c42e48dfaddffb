import type { Request, RequestHandler } from 'express'
import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import { csrfTokenOf, presentedSessions } from './admin-session.js'
import { sameSecret } from './admin-auth.js'

/** The header a dashboard script sends the token in (read from the page's meta tag). */
export const CSRF_HEADER = 'X-CSRF-Token'
/** The hidden field a server-rendered form sends the token in. */
export const CSRF_FIELD = '_csrf'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether what the browser says about where the request comes from names this app. A browser
 * sends Origin on every cross-site POST; Sec-Fetch-Site and Referer are read when it is absent
 * or `null`.
 * A client that sends none of them (curl, a test) is not a browser acting for someone else.
 */
export function sameOrigin(req: Request, config: Config): boolean {
  const allowed = new Set([
    new URL(config.publicUrl).origin,
    `${req.protocol}://${req.get('host')}`,
  ])
  const origin = req.get('origin')
  // Under `Referrer-Policy: no-referrer` (set by security.ts) a browser sends `Origin: null` on a
  // form post, its own origin's included: Sec-Fetch-Site (which no page script can set) then says.
  if (origin && origin !== 'null') return allowed.has(origin)
  const site = req.get('sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  if (origin === 'null') return false
  const referer = req.get('referer')
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin)
    } catch {
      return false
    }
  }
  return true
}

/**
 * Cookie-authenticated changes (the dashboard and the API under its session) need a same-origin
 * request and the session's token (header or form field); bearer-key calls carry no ambient
 * credential and need neither. Sign-in, which has no session yet, needs the same origin.
 */
export function csrfProtection(config: Config): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.get('authorization')) return next()
    if (!sameOrigin(req, config))
      throw new AppError('forbidden', 'This change must come from the dashboard’s own pages.')
    if (presentedSessions(req, config).length === 0) return next()
    const expected = csrfTokenOf(req, config)
    const body = req.body as Record<string, unknown> | undefined
    const sent =
      req.get(CSRF_HEADER) ?? (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : '')
    if (!expected || !sameSecret(expected, String(sent)))
      throw new AppError(
        'forbidden',
        'The form or page is out of date (missing or wrong CSRF token): reload it and try again.',
      )
    next()
  }
}

/**
 * Server-rendered dashboard pages carry the token: a meta tag for scripts (`X-CSRF-Token`) and a
 * hidden `_csrf` field in every POST form, added as the page is sent, so no page can forget it.
 */
export function csrfTokenInPages(config: Config): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res)
    res.send = (body?: unknown) => {
      const type = String(res.getHeader('content-type') ?? '')
      if (typeof body !== 'string' || !type.includes('text/html')) return send(body)
      const token = escapeAttribute(csrfTokenOf(req, config))
      const withToken = body
        .replace('</head>', `<meta name="csrf-token" content="${token}" />\n</head>`)
        .replace(
          /<form\b[^>]*\bmethod="post"[^>]*>/gi,
          (tag) => `${tag}<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`,
        )
      return send(withToken)
    }
    next()
  }
}

function escapeAttribute(value: string): string {
  // base64url already; kept safe whatever the token becomes.
  return value.replace(/[^A-Za-z0-9_-]/g, '')
}
