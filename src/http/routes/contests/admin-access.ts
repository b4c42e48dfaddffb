import type { Request, Response } from 'express'
import type { AppContext } from '../../../context.js'
import type { Workspace } from '../../../ledger/types.js'
import { principalOf, scopedWorkspace } from '../../admin-auth.js'
import type { Html } from '../admin-dashboard/html.js'
import { page, type PageOptions } from '../admin-dashboard/layout.js'
import { sendProblem } from '../admin-dashboard/page-problem.js'

export { sendProblem }

/** Sends one dashboard page (no caching: it shows live figures). */
export function sendPage(res: Response, status: number, options: PageOptions, body: Html): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store')
  res.send(page(options, body))
}

/**
 * The signed-in admin's workspace for a page under /admin/w/:workspaceId, or null when the answer
 * was already sent: sign-in for nobody, and another workspace looks exactly like one that does
 * not exist (as every dashboard page).
 */
export async function pageWorkspace(
  ctx: AppContext,
  req: Request,
  res: Response,
): Promise<{ workspace: Workspace; base: string; admin: string } | null> {
  const principal = principalOf(req, ctx.config)
  if (!principal) {
    res.redirect(303, '/admin')
    return null
  }
  const workspaceId = String(req.params.workspaceId)
  try {
    const workspace = await scopedWorkspace(ctx.db, principal, workspaceId)
    const admin = principal.kind === 'session' ? principal.adminEmail : 'an operator'
    return { workspace, base: `/admin/w/${encodeURIComponent(workspaceId)}`, admin }
  } catch (error) {
    sendProblem(res, error)
    return null
  }
}
