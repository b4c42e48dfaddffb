import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { isKnownTimeZone, setWorkspaceTimeZone } from '../../../ledger/workspace-time-zone.js'
import { principalOf, scopedWorkspace } from '../../admin-auth.js'
import { actorOf } from '../admin-api/actor.js'
import { sendProblem } from './page-problem.js'

const timeZoneForm = z.object({ timeZone: z.string().trim().refine(isKnownTimeZone) })

/**
 * POST /admin/w/:workspaceId/settings/time-zone - the Settings page's time-zone form (a plain
 * form: CSRF-checked by its hidden field like every dashboard form), back to Settings with the
 * outcome in words.
 */
export function timeZoneRoutes(ctx: AppContext): Router {
  const router = Router()
  router.post('/admin/w/:workspaceId/settings/time-zone', async (req, res) => {
    const principal = principalOf(req, ctx.config)
    if (!principal) return res.redirect(303, '/admin')
    const workspaceId = String(req.params.workspaceId)
    try {
      await scopedWorkspace(ctx.db, principal, workspaceId)
    } catch (error) {
      return sendProblem(res, error)
    }
    const settings = `/admin/w/${encodeURIComponent(workspaceId)}/settings`
    const parsed = timeZoneForm.safeParse(req.body ?? {})
    if (!parsed.success) return res.redirect(303, `${settings}?zone=unknown#time-zone-h`)
    await setWorkspaceTimeZone(ctx.db, {
      workspaceId,
      timeZone: parsed.data.timeZone,
      actor: actorOf(principal),
    })
    res.redirect(303, `${settings}?zone=saved#time-zone-h`)
  })
  return router
}
