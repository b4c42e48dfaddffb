import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { SHARE_INTENTS } from '../../../canvas/screens/share-links.js'
import type { AppContext } from '../../context.js'
import { resolveCodeAnywhere } from '../../ledger/referrers.js'
import { recordShareEvent } from '../../ledger/share-events.js'

const channel = z.enum(['email', 'x', 'linkedin', 'whatsapp'])

/** The share intent to go on to: only the one service the channel names, never any other URL. */
function intentOf(req: Request): { channel: z.output<typeof channel>; to: string } | null {
  const named = channel.safeParse(req.params.channel)
  const to = typeof req.query.to === 'string' ? req.query.to : ''
  if (!named.success || !to.startsWith(SHARE_INTENTS[named.data])) return null
  return { channel: named.data, to }
}

function notFound(res: Response): void {
  res.status(404).type('text').send('This share link does not work.')
}

/**
 * The share buttons (card and share sheet) pass through here: the channel is counted for the
 * referrer whose code it is, then the browser goes on to the service's own share page.
 */
export function shareRedirectRoutes(ctx: AppContext): Router {
  const router = Router()

  // GET /r/:code/share/:channel?to=<the service's share URL> - count the share, then go on
  router.get('/r/:code/share/:channel', async (req, res) => {
    const intent = intentOf(req)
    if (!intent) return notFound(res)
    const resolved = await resolveCodeAnywhere(ctx.db, String(req.params.code))
    if (resolved && !resolved.referrer.blockedAt) {
      // A failed count must not cost the referrer their share.
      await recordShareEvent(ctx.db, {
        workspaceId: resolved.referrer.workspaceId,
        campaignId: resolved.referrer.campaignId,
        referrerId: resolved.referrer.id,
        channel: intent.channel,
      }).catch((error: unknown) => res.locals.log?.error({ err: error }, 'share not counted'))
    }
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer')
    res.redirect(303, intent.to)
  })

  // POST /r/:code/share/copy - the share sheet's copy button (sent as a beacon, no answer needed)
  router.post('/r/:code/share/copy', async (req, res) => {
    const resolved = await resolveCodeAnywhere(ctx.db, String(req.params.code))
    if (resolved && !resolved.referrer.blockedAt)
      await recordShareEvent(ctx.db, {
        workspaceId: resolved.referrer.workspaceId,
        campaignId: resolved.referrer.campaignId,
        referrerId: resolved.referrer.id,
        channel: 'copy',
      }).catch((error: unknown) => res.locals.log?.error({ err: error }, 'copy not counted'))
    res.status(204).end()
  })

  return router
}
