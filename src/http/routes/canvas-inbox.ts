import { Router } from 'express'
import { canvas } from '../../../canvas/components.js'
import { inboxRequest, type InboxRequest } from '../../../canvas/requests.js'
import { noticeScreen } from '../../../canvas/screens/error.js'
import { type AppContext } from '../../context.js'
import { getDefaultCampaign } from '../../ledger/campaigns.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import { type Actor } from '../../ledger/types.js'
import { errorCanvas } from '../canvas/error-canvas.js'
import { inboxAction, panelCanvas } from '../canvas/inbox-actions.js'
import { inboxStoredSchema, type InboxSubject } from '../canvas/inbox-state.js'
import { personOf } from '../canvas/people.js'
import { canvasWorkspace } from '../canvas/workspace.js'
import { parse } from '../parse.js'
import { verifyCanvasSignature } from '../verify-signature.js'

/** Canvas Kit for teammates: the referral panel in the Inbox's conversation details. */
export function canvasInboxRoutes(ctx: AppContext): Router {
  const router = Router()
  const signed = verifyCanvasSignature(ctx.config)
  const asCanvas = errorCanvas('canvas')
  const noIdentity = (body: InboxRequest) => ({
    canvas: canvas(noticeScreen({ locale: body.context?.locale, message: 'inbox.noIdentity' })),
  })

  // POST /canvas/inbox/initialize — the panel for the conversation's contact
  router.post('/canvas/inbox/initialize', asCanvas, signed, async (req, res) => {
    const body = parse(inboxRequest, req.body)
    const subject = await inboxSubject(ctx, body)
    res.json(subject ? { canvas: await panelCanvas(ctx, subject, null) } : noIdentity(body))
  })

  // POST /canvas/inbox/submit — qualify/reject, referred-by, manual reward, and navigation
  router.post('/canvas/inbox/submit', asCanvas, signed, async (req, res) => {
    const body = parse(inboxRequest, req.body)
    const subject = await inboxSubject(ctx, body)
    if (!subject) {
      res.json(noIdentity(body))
      return
    }
    const stored = inboxStoredSchema.parse(body.current_canvas?.stored_data ?? {})
    const actor: Actor = { type: 'admin', id: body.admin?.id ?? null }
    res.json({ canvas: await inboxAction(ctx, subject, body, stored, actor) })
  })

  return router
}

/** The conversation's contact as a referrer of the default campaign (enrolled on first sight). */
async function inboxSubject(ctx: AppContext, body: InboxRequest): Promise<InboxSubject | null> {
  const workspaceId = await canvasWorkspace(ctx, body)
  const person = personOf(body.contact ?? body.customer)
  if (!person) return null
  const campaign = await getDefaultCampaign(ctx.db, workspaceId)
  const { referrer, participant } = await ensureReferrer(
    ctx.db,
    {
      workspaceId,
      campaign,
      person,
      source: 'inbox',
      actor: { type: 'admin', id: body.admin?.id ?? null },
    },
    { emailPolicy: 'lenient' },
  )
  return { workspaceId, campaign, referrer, participant, locale: body.context?.locale }
}
