import { Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../context.js'
import { removeFinPack } from '../../fin/provision.js'
import { dropWorkspaceConnection } from '../../intercom/connections.js'
import { endWorkspaceSessions } from '../live-sessions.js'
import { parse } from '../parse.js'
import { verifyIntercomCanvasSignature } from '../verify-signature.js'

const uninstallBody = z.object({ app_id: z.string().trim().min(1).max(100) })

export function intercomUninstallRoutes(ctx: AppContext): Router {
  const router = Router()

  // POST /intercom/uninstall - Intercom says a workspace removed the app: forget its token, keep its ledger
  router.post(
    '/intercom/uninstall',
    verifyIntercomCanvasSignature(ctx.config),
    async (req, res) => {
      const body = parse(uninstallBody, req.body, 'uninstall request')
      // While the token may still work: our Fin connectors go with the app.
      await removeFinPack(ctx, body.app_id)
      await dropWorkspaceConnection(ctx, body.app_id, 'uninstalled', 'Uninstalled from Intercom')
      await endWorkspaceSessions(ctx.db, body.app_id)
      res.locals.log.info({ workspaceId: body.app_id }, 'Intercom workspace uninstalled')
      res.json({ ok: true })
    },
  )

  return router
}
