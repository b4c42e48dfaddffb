import { payoutAddressSheetHandler, savePayoutAddress } from '../canvas/payout-address-sheet.js'
import { PAYOUT_ADDRESS_SHEET_PATH } from '../canvas/payout-address.js'
import { Router } from 'express'
import { canvas, content } from '../../../canvas/components.js'
import { CARD_PARTS, CONFIGURE, MESSENGER } from '../../../canvas/component-ids.js'
import {
  configureRequest,
  inputList,
  inputText,
  liveCanvasView,
  messengerInitializeRequest,
  messengerSubmitRequest,
  submitSheetRequest,
} from '../../../canvas/requests.js'
import { noticeScreen } from '../../../canvas/screens/error.js'
import { messengerCard, messengerInvite } from '../../../canvas/screens/messenger-card.js'
import type { Component } from '../../../canvas/schema.js'
import { messengerConfigure } from '../../../canvas/screens/messenger-configure.js'
import type { AppContext } from '../../context.js'
import { noteFirstCanvas } from '../../ledger/admin/setup-progress.js'
import { listCampaigns } from '../../ledger/campaigns.js'
import { campaignFor, partsOf, readCardOptions, storedCardOptions } from '../canvas/card-options.js'
import { ErasedPersonError } from '../../ledger/errors.js'
import {
  answerToken,
  cachedAnswer,
  liveCardSlot,
  sendAnswer,
  sendJsonBytes,
} from '../canvas/card-answers.js'
import { errorCanvas } from '../canvas/error-canvas.js'
import { sendInvite } from '../canvas/invite.js'
import { messengerCardState } from '../canvas/messenger-card-state.js'
import { personOf } from '../canvas/people.js'
import { canvasWorkspace } from '../canvas/workspace.js'
import { openSheetHandler } from '../canvas/share-sheet.js'
import { parse } from '../parse.js'
import { verifyCanvasSignature } from '../verify-signature.js'

function erasedAsNull(error: unknown): null {
  if (error instanceof ErasedPersonError) return null
  throw error
}

/** Canvas Kit for users, leads and visitors: the referral card on Messenger Home. */
export function canvasMessengerRoutes(ctx: AppContext): Router {
  const router = Router()
  const signed = verifyCanvasSignature(ctx.config)
  const asCanvas = errorCanvas('canvas')
  const liveUrl = `${ctx.config.publicUrl}/canvas/messenger/live`

  // POST /canvas/messenger/configure — the admin picks the campaign and the card's parts
  router.post('/canvas/messenger/configure', asCanvas, signed, async (req, res) => {
    const body = parse(configureRequest, req.body)
    const workspaceId = await canvasWorkspace(ctx, body)
    const locale = body.context?.locale
    const campaigns = (await listCampaigns(ctx.db, workspaceId)).filter(
      (c) => c.status !== 'archived',
    )
    const stored = readCardOptions(body.current_canvas?.stored_data)
    if (body.component_id === CONFIGURE.save) {
      const chosen = inputText(body.input_values, CONFIGURE.campaign) || stored.campaignId
      const campaign = await campaignFor(ctx.db, workspaceId, chosen || null)
      const parts = CARD_PARTS.filter((part) =>
        inputList(body.input_values, CONFIGURE.parts).includes(part),
      )
      res.json({ results: { campaign_id: campaign.id, parts } })
      return
    }
    const fallback = campaigns.find((c) => c.isDefault) ?? campaigns[0]
    const selected = stored.campaignId ?? fallback?.id ?? null
    const current = campaigns.find((c) => c.id === selected) ?? fallback
    const components = messengerConfigure({
      locale,
      campaigns: campaigns.slice(0, 10).map((c) => ({ id: c.id, name: c.name })),
      selectedCampaignId: selected,
      parts: current ? partsOf(current, { campaignId: null, parts: null }) : [...CARD_PARTS],
    })
    res.json({
      canvas: canvas(components, storedCardOptions({ campaignId: selected, parts: null })),
    })
  })

  // POST /canvas/messenger/initialize — no end-user here: answer a live canvas, rendered per viewer
  router.post('/canvas/messenger/initialize', asCanvas, signed, async (req, res) => {
    const body = parse(messengerInitializeRequest, req.body)
    const workspaceId = await canvasWorkspace(ctx, body)
    await noteFirstCanvas(ctx.db, workspaceId, ctx.knownWorkspaces ?? null)
    const options = readCardOptions(body.card_creation_options)
    res.json({ canvas: { content_url: liveUrl, stored_data: storedCardOptions(options) } })
  })

  // POST /canvas/messenger/live — the card of the contact viewing it (answers content only)
  router.post('/canvas/messenger/live', errorCanvas('content'), signed, async (req, res) => {
    const body = parse(liveCanvasView, req.body)
    const workspaceId = await canvasWorkspace(ctx, body)
    const locale = body.context?.locale
    const person = personOf(body.contact ?? body.user)
    if (!person) {
      res.json({ content: content(noticeScreen({ locale, message: 'invite.unknownUser' })) })
      return
    }
    // The answer is kept with the cached card (see card-answers.ts and lean-card-views.ts).
    const slot = liveCardSlot(workspaceId, body, person)
    const kept = cachedAnswer(ctx, slot)
    if (kept) return sendJsonBytes(res, kept)
    const token = answerToken(ctx)
    const state = await messengerCardState(ctx, {
      workspaceId,
      options: readCardOptions(body.canvas?.stored_data),
      person,
      locale,
      invite: { kind: 'form' },
    }).catch(erasedAsNull)
    // Someone who asked to be forgotten sees that, and is not enrolled again by looking.
    if (!state)
      return void res.json({ content: content(noticeScreen({ locale, message: 'card.erased' })) })
    sendAnswer(res, ctx, slot, state.view, token, {
      content: content(cardOrUnavailable(state)),
    })
  })

  // POST /canvas/messenger/submit — the invite form (and "invite another")
  router.post('/canvas/messenger/submit', asCanvas, signed, async (req, res) => {
    const body = parse(messengerSubmitRequest, req.body)
    const workspaceId = await canvasWorkspace(ctx, body)
    const locale = body.context?.locale
    const options = readCardOptions(body.current_canvas?.stored_data)
    const stored = storedCardOptions(options)
    const person = personOf(body.user ?? body.contact)
    if (!person) {
      res.json({ canvas: canvas(noticeScreen({ locale, message: 'invite.unknownUser' }), stored) })
      return
    }
    let invite: Parameters<typeof messengerCardState>[1]['invite'] = { kind: 'form' }
    let completed = false
    const id = body.component_id
    const onInviteScreen = id === MESSENGER.openInvite || id === MESSENGER.inviteAnother
    if (id === MESSENGER.sendInvite) {
      const campaign = await campaignFor(ctx.db, workspaceId, options.campaignId)
      ;({ invite, completed } = await sendInvite(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        referrer: person,
        email: inputText(body.input_values, MESSENGER.friendEmail),
        name: inputText(body.input_values, MESSENGER.friendName),
      }))
    }
    const state = await messengerCardState(ctx, {
      workspaceId,
      options,
      person,
      locale,
      invite,
      fresh: body.component_id === MESSENGER.sendInvite,
    })
    // The compact card keeps the invite form on a second canvas: it opens there and answers there.
    const secondCanvas =
      state.layout !== 'full' && (onInviteScreen || id === MESSENGER.sendInvite) && !state.blocked
    res.json({
      canvas: canvas(
        secondCanvas ? messengerInvite({ locale, invite }) : cardOrUnavailable(state),
        stored,
      ),
      ...(completed ? { event: { type: 'completed' } } : {}),
    })
  })

  // POST /canvas/messenger/sheet — opened by the Messenger itself: unsigned, `user` encrypted
  router.post('/canvas/messenger/sheet', openSheetHandler(ctx))
  // POST /canvas/messenger/sheet/payout-address — the referrer's PayPal address, the same way
  router.post(PAYOUT_ADDRESS_SHEET_PATH, payoutAddressSheetHandler(ctx))

  // POST /canvas/messenger/submit-sheet — the sheet's Done: back to the card, flow completed
  router.post('/canvas/messenger/submit-sheet', asCanvas, signed, async (req, res) => {
    const body = parse(submitSheetRequest, req.body)
    const workspaceId = await canvasWorkspace(ctx, body)
    const locale = body.context?.locale
    const options = readCardOptions(body.current_canvas?.stored_data)
    const person = personOf(body.user ?? body.contact)
    if (!person) {
      res.json({ canvas: canvas(noticeScreen({ locale, message: 'invite.unknownUser' })) })
      return
    }
    const state = await messengerCardState(ctx, {
      workspaceId,
      options,
      person,
      locale,
      invite: { kind: 'form' },
      notice:
        body.sheet_values?.payoutAddress !== undefined
          ? await savePayoutAddress(ctx, {
              workspaceId,
              options,
              person,
              email: body.sheet_values.payoutAddress,
            })
          : body.sheet_values?.shared === true
            ? 'sheet.thanks'
            : null,
    })
    res.json({
      canvas: canvas(cardOrUnavailable(state), storedCardOptions(options)),
      event: { type: 'completed' },
    })
  })

  return router
}

/** A referrer an agent blocked sees a readable notice instead of a link that would not count. */
function cardOrUnavailable(state: Parameters<typeof messengerCard>[0] & { blocked: boolean }) {
  const components: Component[] = state.blocked
    ? noticeScreen({ locale: state.locale, message: 'card.unavailable' })
    : messengerCard(state)
  return components
}
