import { randomBytes } from 'node:crypto'
import type { Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'

declare module 'express-serve-static-core' {
  interface Locals {
    /** Per-response CSP nonce: an HTML page may run `<script nonce="…">` with it, nothing else inline. */
    cspNonce: string
  }
}

/**
 * Where Canvas Kit sheet pages live; Intercom iframes them from intercom-sheets.com
 * (https://developers.intercom.com/docs/build-an-integration/getting-started/build-an-app-for-your-messenger/sheets-flow).
 */
export const SHEET_PATH_PREFIX = '/canvas/messenger/sheet'

/**
 * The sheet library's two published URLs (Intercom's pages name both): both are allowed.
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
// library's origin is allowed in script-src (https://developers.intercom.com/docs/build-an-integration/getting-started/build-an-app-for-your-messenger/sheets-flow).
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

const NONCE_MARK = '__csp_nonce__'
const NONCE_BYTES = 16
const NONCES_PER_FILL = 256
/** 128 random bits per response, drawn from a pool filled 256 at a time (as randomUUID does). */
function nonceDrawer(): () => string {
  let pool = Buffer.alloc(0)
  let at = 0
  return () => {
    if (at >= pool.length) {
      pool = randomBytes(NONCE_BYTES * NONCES_PER_FILL)
      at = 0
    }
    const nonce = pool.toString('base64', at, at + NONCE_BYTES)
    at += NONCE_BYTES
    return nonce
  }
}

/**
 * The headers a helmet policy sets, taken once at start-up with a marker for the nonce: helmet
 * builds every header anew on each response, and that was a tenth of a canvas request's work.
 */
function headersOf(policy: RequestHandler): ReadonlyArray<readonly [string, string]> {
  const headers: Array<readonly [string, string]> = []
  const res = {
    locals: { cspNonce: NONCE_MARK },
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  }
  let done = false
  policy({ method: 'GET', path: '/', headers: {} } as Request, res as unknown as Response, () => {
    done = true
  })
  if (!done) throw new Error('a security header policy did not finish synchronously')
  return headers
}

/** Security headers on every response (harmless on JSON, essential on HTML pages). */
export function securityHeaders(): RequestHandler {
  const strictHeaders = headersOf(strict)
  const sheetHeaders = headersOf(sheet)
  const nextNonce = nonceDrawer()
  return (req, res, next) => {
    const nonce = nextNonce()
    res.locals.cspNonce = nonce
    const headers = req.path.startsWith(SHEET_PATH_PREFIX) ? sheetHeaders : strictHeaders
    for (const [name, value] of headers)
      res.setHeader(name, value.includes(NONCE_MARK) ? value.replaceAll(NONCE_MARK, nonce) : value)
    next()
  }
}
