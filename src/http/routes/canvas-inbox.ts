import { Router } from 'express'
import { canvas } from '../../../canvas/components.js'
import {
  inboxPanelRequest,
  type InboxPanelRequest,
  inboxRequest,
} from '../../../canvas/requests.js'
import { noticeScreen } from '../../../canvas/screens/error.js'
import type { AppContext } from '../../context.js'
import type { Actor } from '../../ledger/types.js'
import {
  answerToken,
  cachedAnswer,
  inboxInitializeSlot,
  sendAnswer,
  sendJsonBytes,
} from '../canvas/card-answers.js'
import { errorCanvas } from '../canvas/error-canvas.js'
import { inboxAction, panelCanvas } from '../canvas/inbox-actions.js'
import { unlessErased } from '../canvas/inbox-privacy.js'
import { inboxStoredSchema, inboxSubject, type InboxSubject } from '../canvas/inbox-state.js'
import { personOf } from '../canvas/people.js'
import { canvasWorkspace } from '../canvas/workspace.js'
import { parse } from '../parse.js'
import { verifyCanvasSignature } from '../verify-signature.js'

/** Canvas Kit for teammates: the referral panel in the Inbox's conversation details. */
export function canvasInboxRoutes(ctx: AppContext): Router {
  const router = Router()
  const signed = verifyCanvasSignature(ctx.config)
  const asCanvas = errorCanvas('canvas')
  const noIdentity = (body: InboxPanelRequest) => ({
    canvas: canvas(noticeScreen({ locale: body.context?.locale, message: 'inbox.noIdentity' })),
  })

  // POST /canvas/inbox/initialize — the panel for the conversation's contact
  router.post('/canvas/inbox/initialize', asCanvas, signed, async (req, res) => {
    const body = parse(inboxPanelRequest, req.body)
    // The answer is kept with the cached card (see card-answers.ts and lean-card-views.ts).
    const slot = await inboxInitializeSlot(ctx, body)
    const kept = cachedAnswer(ctx, slot)
    if (kept) return sendJsonBytes(res, kept)
    const token = answerToken(ctx)
    const subject = await unlessErased(body.context?.locale, () => subjectOf(ctx, body))
    if (subject && 'erased' in subject) return void res.json({ canvas: subject.erased })
    if (!subject) return void res.json(noIdentity(body))
    sendAnswer(res, ctx, slot, subject.view, token, {
      canvas: await panelCanvas(ctx, subject, null),
    })
  })

  // POST /canvas/inbox/submit — qualify/reject, referred-by, manual reward, and navigation
  router.post('/canvas/inbox/submit', asCanvas, signed, async (req, res) => {
    const body = parse(inboxRequest, req.body)
    const subject = await unlessErased(body.context?.locale, () => subjectOf(ctx, body))
    if (subject && 'erased' in subject) return void res.json({ canvas: subject.erased })
    if (!subject) {
      res.json(noIdentity(body))
      return
    }
    const stored = inboxStoredSchema.parse(body.current_canvas?.stored_data ?? {})
    res.json({ canvas: await inboxAction(ctx, subject, body, stored) })
  })

  return router
}

async function subjectOf(ctx: AppContext, body: InboxPanelRequest): Promise<InboxSubject | null> {
  const workspaceId = await canvasWorkspace(ctx, body)
  const person = personOf(body.contact ?? body.customer)
  if (!person) return null
  // The conversation the agent acts from: their changes are noted there, in their name.
  const actor: Actor = {
    type: 'admin',
    id: body.admin?.id ?? null,
    conversationId: body.conversation?.id ?? body.context?.conversation_id ?? null,
  }
  return inboxSubject(ctx, { workspaceId, person, actor, locale: body.context?.locale })
}
