import { hkdfSync } from 'node:crypto'
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

// A key of its own, derived from ENCRYPTION_KEY, so a leaked session key never decrypts tokens.
function sessionKey(config: Config): Buffer {
  return Buffer.from(hkdfSync('sha256', config.encryptionKey, '', 'referrals-admin-session', 32))
}

/** Signs a session JWT for one workspace's admin (also used by tests). */
export function signAdminSession(config: Config, session: AdminSession): string {
  return jwt.sign(
    { workspaceId: session.workspaceId, adminEmail: session.adminEmail },
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
  const token = jwt.sign({ role: 'operator' }, sessionKey(config), {
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
    jwt.verify(token, sessionKey(config), { algorithms: ['HS256'], audience: 'operator' })
    return true
  } catch {
    return false
  }
}
