import { randomBytes } from 'node:crypto'
import { type RequestHandler } from 'express'
import helmet from 'helmet'

declare module 'express-serve-static-core' {
  interface Locals {
    /** Per-response CSP nonce: an HTML page may run `<script nonce="…">` with it, nothing else inline. */
    cspNonce: string
  }
}

/** Where Canvas Kit sheet pages live; Intercom iframes them from intercom-sheets.com (platform §3.3). */
export const SHEET_PATH_PREFIX = '/canvas/messenger/sheet'

/**
 * The sheet library's two published URLs (the docs disagree, platform §3.3): both are allowed.
 * The CSP host-source for a path must end in "/" to match every file below it.
 */
export const SHEET_SCRIPT_SOURCES = [
  'https://js.intercomcdn.com',
  'https://s3.amazonaws.com/intercom-sheets.com/',
]

const nonceSource = (_req: unknown, res: unknown) =>
  `'nonce-${(res as { locals: { cspNonce: string } }).locals.cspNonce}'`

const common = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'https:', 'data:'],
  formAction: ["'self'"],
  scriptSrcAttr: ["'none'"],
  upgradeInsecureRequests: null,
}

const strict = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...common, scriptSrc: ["'self'", nonceSource], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' },
  strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
})

// Sheets are framed by Intercom: no X-Frame-Options and no frame-ancestors, and the sheet
// library's origin is allowed in script-src (platform §3.3).
const sheet = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...common,
      scriptSrc: ["'self'", nonceSource, ...SHEET_SCRIPT_SOURCES],
      connectSrc: ["'self'", 'https://*.intercom.io', 'https://*.intercom-messenger.com'],
    },
  },
  frameguard: false,
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
})

/** Security headers on every response (harmless on JSON, essential on HTML pages). */
export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    const policy = req.path.startsWith(SHEET_PATH_PREFIX) ? sheet : strict
    policy(req, res, next)
  }
}
