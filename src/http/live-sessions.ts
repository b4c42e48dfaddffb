import { sql } from 'kysely'
import type { Request, RequestHandler } from 'express'
import type { Config } from '../config.js'
import type { Db } from '../ledger/db-types.js'
import { presentedSessions, type PresentedSession } from './admin-session.js'

const sidScope = (sid: string) => `sid:${sid}`
const workspaceScope = (workspaceId: string) => `workspace:${workspaceId}`
const adminScope = (workspaceId: string, email: string) =>
  `admin:${workspaceId}:${email.trim().toLowerCase()}`

async function endScopes(db: Db, scopes: readonly string[]): Promise<void> {
  if (scopes.length === 0) return
  await db
    .insertInto('dashboard_session_ends')
    .values(scopes.map((scope) => ({ scope, ended_before: sql<Date>`now()` })))
    .onConflict((oc) => oc.column('scope').doUpdateSet({ ended_before: sql<Date>`now()` }))
    .execute()
}

/** Sign-out: the sessions this request's cookies carry end now, on every instance. */
export async function endPresentedSessions(db: Db, req: Request, config: Config): Promise<void> {
  const sids = presentedSessions(req, config)
    .map((s) => s.sid)
    .filter(Boolean)
  await endScopes(db, sids.map(sidScope))
}

/** Uninstall: every dashboard session of the workspace's admins ends now. */
export async function endWorkspaceSessions(db: Db, workspaceId: string): Promise<void> {
  await endScopes(db, [workspaceScope(workspaceId)])
}

/** An admin removed from the workspace in Intercom: their dashboard sessions end now. */
export async function endAdminSessions(db: Db, workspaceId: string, email: string): Promise<void> {
  await endScopes(db, [adminScope(workspaceId, email)])
}

/** The sessions among `sessions` that have ended (signed out, uninstalled, admin removed). */
export async function endedSessions(
  db: Db,
  sessions: readonly PresentedSession[],
): Promise<PresentedSession[]> {
  const scopes = new Set<string>()
  for (const s of sessions) {
    if (!s.sid) continue
    scopes.add(sidScope(s.sid))
    if (s.workspaceId) scopes.add(workspaceScope(s.workspaceId))
    if (s.workspaceId && s.adminEmail) scopes.add(adminScope(s.workspaceId, s.adminEmail))
  }
  const ends =
    scopes.size === 0
      ? []
      : await db
          .selectFrom('dashboard_session_ends')
          .select(['scope', 'ended_before'])
          .where('scope', 'in', [...scopes])
          .execute()
  const endedAt = new Map(ends.map((row) => [row.scope, new Date(row.ended_before).getTime()]))
  const after = (scope: string, at: number) => (endedAt.get(scope) ?? -Infinity) >= at
  return sessions.filter(
    (s) =>
      !s.sid ||
      endedAt.has(sidScope(s.sid)) ||
      (s.workspaceId !== null && after(workspaceScope(s.workspaceId), s.at)) ||
      (s.workspaceId !== null &&
        s.adminEmail !== null &&
        after(adminScope(s.workspaceId, s.adminEmail), s.at)),
  )
}

/**
 * Before any route reads a dashboard cookie: a session that has ended is taken out of the
 * request (and its cookie cleared), so every check downstream sees a signed-out caller. The ends
 * live in the database, so a sign-out on one instance holds on all of them at once.
 */
export function liveDashboardSessions(db: Db, config: Config): RequestHandler {
  return async (req, res, next) => {
    if (!req.headers.cookie?.includes('referrals_')) return next()
    const sessions = presentedSessions(req, config)
    if (sessions.length === 0) return next()
    const ended = await endedSessions(db, sessions)
    if (ended.length > 0) {
      const names = new Set(ended.map((s) => s.cookie))
      req.headers.cookie = req.headers.cookie
        .split(';')
        .filter((part) => !names.has(part.split('=')[0]!.trim()))
        .join(';')
      for (const name of names) res.clearCookie(name, { path: '/' })
    }
    next()
  }
}
