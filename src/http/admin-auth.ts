import { createHash, timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import type { Db } from '../ledger/db-types.js'
import { findWorkspace } from '../ledger/workspaces.js'
import type { Workspace } from '../ledger/types.js'
import { readAdminSession, readOperatorSession } from './admin-session.js'

/** Who is calling the admin API: the operator (every workspace) or one workspace's admin. */
export type AdminPrincipal =
  | { readonly kind: 'operator' }
  | { readonly kind: 'session'; readonly workspaceId: string; readonly adminEmail: string }

declare module 'express-serve-static-core' {
  interface Locals {
    admin?: AdminPrincipal
  }
}

export function sameSecret(expected: string, received: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks neither content nor length.
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(received).digest()
  return timingSafeEqual(a, b)
}

/** The caller of a request, from the bearer key, the operator cookie or the admin session cookie. */
export function principalOf(req: Request, config: Config): AdminPrincipal | null {
  const header = req.get('authorization')
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim())
    if (match?.[1] && config.adminApiKey && sameSecret(config.adminApiKey, match[1].trim())) {
      return { kind: 'operator' }
    }
    // A wrong key is refused outright, even with a valid cookie alongside: no silent fallback.
    return null
  }
  if (readOperatorSession(req, config)) return { kind: 'operator' }
  const session = readAdminSession(req, config)
  return session ? { kind: 'session', ...session } : null
}

/** 401 unless the request carries admin credentials. */
export function requireAdmin(config: Config): RequestHandler {
  return (req, res, next) => {
    const principal = principalOf(req, config)
    if (!principal) {
      throw new AppError(
        'unauthorized',
        'Admin credentials required: Authorization: Bearer <ADMIN_API_KEY>, or sign in at /admin.',
      )
    }
    res.locals.admin = principal
    next()
  }
}

/**
 * The workspace a request names, if this principal may see it. Another workspace is answered as
 * "not found", exactly like one that does not exist, so ids cannot be probed.
 */
export async function scopedWorkspace(
  db: Db,
  principal: AdminPrincipal,
  workspaceId: string,
): Promise<Workspace> {
  if (principal.kind === 'session' && principal.workspaceId !== workspaceId) {
    throw new AppError('not_found', 'That workspace was not found.')
  }
  const workspace = await findWorkspace(db, workspaceId)
  if (!workspace) throw new AppError('not_found', 'That workspace was not found.')
  return workspace
}
