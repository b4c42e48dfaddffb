import { createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type { Request, Response } from 'express'
import jwt from 'jsonwebtoken'
import { z } from 'zod'
import type { Config } from '../config.js'

export const ADMIN_SESSION_COOKIE = 'referrals_admin'
const SESSION_SECONDS = 8 * 60 * 60

export interface AdminSession {
  readonly workspaceId: string
  readonly adminEmail: string
}

const claimsSchema = z.object({
  workspaceId: z.string().min(1),
  adminEmail: z.string(),
})

// Every session names itself (sid) and its issue time in ms (at), so that it can be ended before
// it expires (live-sessions.ts); an operator's also carries a fingerprint of the ADMIN_API_KEY it
// was opened with, so a new key ends it on every instance.
const sessionIdSchema = z.object({ sid: z.string().min(16), at: z.number() })

/** A dashboard session a request's cookie carries (verified signature, not yet checked live). */
export interface PresentedSession {
  readonly cookie: string
  readonly sid: string
  readonly at: number
  readonly workspaceId: string | null
  readonly adminEmail: string | null
}

function newSessionId() {
  return { sid: randomBytes(16).toString('base64url'), at: Date.now() }
}

function keyFingerprint(config: Config): string {
  return createHmac('sha256', sessionKey(config))
    .update(`operator-key\0${config.adminApiKey ?? ''}`)
    .digest('base64url')
    .slice(0, 22)
}

// A key of its own, derived from ENCRYPTION_KEY, so a leaked session key never decrypts tokens.
function sessionKey(config: Config): Buffer {
  return Buffer.from(hkdfSync('sha256', config.encryptionKey, '', 'referrals-admin-session', 32))
}

/** Signs a session JWT for one workspace's admin (also used by tests). */
export function signAdminSession(config: Config, session: AdminSession): string {
  return jwt.sign(
    { workspaceId: session.workspaceId, adminEmail: session.adminEmail, ...newSessionId() },
    sessionKey(config),
    { algorithm: 'HS256', expiresIn: SESSION_SECONDS, audience: 'admin' },
  )
}

/** Sets the admin session cookie after an Intercom OAuth sign-in (state purpose 'admin'). */
export function setAdminSession(res: Response, config: Config, session: AdminSession): void {
  res.cookie(ADMIN_SESSION_COOKIE, signAdminSession(config, session), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_SECONDS * 1000,
  })
}

export function clearAdminSession(res: Response, config: Config): void {
  res.clearCookie(ADMIN_SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
  })
}

/** Reads one cookie from the Cookie header (no cookie-parser dependency). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index < 0) continue
    if (part.slice(0, index).trim() !== name) continue
    try {
      return decodeURIComponent(part.slice(index + 1).trim())
    } catch {
      return undefined
    }
  }
  return undefined
}

/** The verified session of the request's cookie, or null when absent, expired or forged. */
export function readAdminSession(req: Request, config: Config): AdminSession | null {
  const token = readCookie(req, ADMIN_SESSION_COOKIE)
  if (!token) return null
  try {
    const claims = jwt.verify(token, sessionKey(config), {
      algorithms: ['HS256'],
      audience: 'admin',
    })
    const parsed = claimsSchema.safeParse(claims)
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const OPERATOR_SESSION_COOKIE = 'referrals_operator'

/** Sets the operator's dashboard cookie after a correct ADMIN_API_KEY (every workspace). */
export function setOperatorSession(res: Response, config: Config): void {
  const claims = { role: 'operator', kf: keyFingerprint(config), ...newSessionId() }
  const token = jwt.sign(claims, sessionKey(config), {
    algorithm: 'HS256',
    expiresIn: SESSION_SECONDS,
    audience: 'operator',
  })
  res.cookie(OPERATOR_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_SECONDS * 1000,
  })
}

export function clearOperatorSession(res: Response, config: Config): void {
  res.clearCookie(OPERATOR_SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
  })
}

/** true when the request carries a valid operator cookie and the admin API is open at all. */
export function readOperatorSession(req: Request, config: Config): boolean {
  if (!config.adminApiKey) return false
  const token = readCookie(req, OPERATOR_SESSION_COOKIE)
  if (!token) return false
  try {
    const claims = jwt.verify(token, sessionKey(config), {
      algorithms: ['HS256'],
      audience: 'operator',
    }) as { kf?: unknown }
    return claims.kf === keyFingerprint(config)
  } catch {
    return false
  }
}

/** The sessions a request's cookies carry, with valid signatures; expiry and ends are checked later. */
export function presentedSessions(req: Request, config: Config): PresentedSession[] {
  const found: PresentedSession[] = []
  for (const [cookie, audience] of [
    [ADMIN_SESSION_COOKIE, 'admin'],
    [OPERATOR_SESSION_COOKIE, 'operator'],
  ] as const) {
    const token = readCookie(req, cookie)
    if (!token) continue
    let claims: unknown
    try {
      claims = jwt.verify(token, sessionKey(config), { algorithms: ['HS256'], audience })
    } catch {
      continue
    }
    const id = sessionIdSchema.safeParse(claims)
    const admin = claimsSchema.safeParse(claims)
    found.push({
      cookie,
      // A token without an id (issued before sessions could end) is treated as ended.
      sid: id.success ? id.data.sid : '',
      at: id.success ? id.data.at : 0,
      workspaceId: audience === 'admin' && admin.success ? admin.data.workspaceId : null,
      adminEmail: audience === 'admin' && admin.success ? admin.data.adminEmail : null,
    })
  }
  return found
}

/**
 * The CSRF token of a request's dashboard session: an HMAC of its session id, so it needs no
 * storage, differs per session and dies with it. Empty when the request carries no session.
 */
export function csrfTokenOf(req: Request, config: Config): string {
  const session = presentedSessions(req, config).find((s) => s.sid)
  if (!session) return ''
  return createHmac('sha256', sessionKey(config)).update(`csrf\0${session.sid}`).digest('base64url')
}
