import { randomUUID } from 'node:crypto'
import { Router } from 'express'
import { canvas } from '../../../canvas/components.js'
import { INBOX } from '../../../canvas/component-ids.js'
import { type MessageKey } from '../../../canvas/i18n/index.js'
import { inboxRequest, type InboxRequest, inputText } from '../../../canvas/requests.js'
import { noticeScreen } from '../../../canvas/screens/error.js'
import { inboxPanel } from '../../../canvas/screens/inbox-panel.js'
import { inboxReferral } from '../../../canvas/screens/inbox-referral.js'
import { inboxReferrals } from '../../../canvas/screens/inbox-referrals.js'
import { inboxReferredBy } from '../../../canvas/screens/inbox-referred-by.js'
import { inboxReward } from '../../../canvas/screens/inbox-reward.js'
import { type StaticCanvas } from '../../../canvas/schema.js'
import { type AppContext } from '../../context.js'
import { getDefaultCampaign } from '../../ledger/campaigns.js'
import { qualifyReferral, rejectReferral } from '../../ledger/referrals.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import { latestFriends, referredBy } from '../../ledger/summaries.js'
import { type Actor } from '../../ledger/types.js'
import { errorCanvas } from '../canvas/error-canvas.js'
import {
  type InboxStored,
  inboxStoredSchema,
  type InboxSubject,
  isoDate,
  panelState,
  referralState,
} from '../canvas/inbox-state.js'
import { issueManualReward, parseRewardForm, readUnit } from '../canvas/manual-reward.js'
import { addReferredBy } from '../canvas/referred-by.js'
import { displayName, personOf } from '../canvas/people.js'
import { parse } from '../parse.js'
import { verifyCanvasSignature } from '../verify-signature.js'
import { canvasWorkspace } from './canvas-messenger.js'

type Screen = (
  components: StaticCanvas['content']['components'],
  stored?: InboxStored,
) => StaticCanvas

/** Canvas Kit for teammates: the referral panel in the Inbox's conversation details. */
export function canvasInboxRoutes(ctx: AppContext): Router {
  const router = Router()
  const signed = verifyCanvasSignature(ctx.config)
  const asCanvas = errorCanvas('canvas')

  // POST /canvas/inbox/initialize — the panel for the conversation's contact
  router.post('/canvas/inbox/initialize', asCanvas, signed, async (req, res) => {
    const body = parse(inboxRequest, req.body)
    const subject = await inboxSubject(ctx, body)
    if (!subject) {
      res.json({
        canvas: canvas(noticeScreen({ locale: body.context?.locale, message: 'inbox.noIdentity' })),
      })
      return
    }
    res.json({ canvas: await panel(subject, null) })
  })

  // POST /canvas/inbox/submit — qualify/reject, referred-by, manual reward, and navigation
  router.post('/canvas/inbox/submit', asCanvas, signed, async (req, res) => {
    const body = parse(inboxRequest, req.body)
    const subject = await inboxSubject(ctx, body)
    if (!subject) {
      res.json({
        canvas: canvas(noticeScreen({ locale: body.context?.locale, message: 'inbox.noIdentity' })),
      })
      return
    }
    const stored = inboxStoredSchema.parse(body.current_canvas?.stored_data ?? {})
    const actor: Actor = { type: 'admin', id: body.admin?.id ?? null }
    res.json({ canvas: await submit(subject, body, stored, actor) })
  })

  const wrap: Screen = (components, stored) =>
    canvas(
      components,
      Object.fromEntries(
        Object.entries(stored ?? {}).filter(([, v]) => v !== null && v !== undefined),
      ),
    )

  async function panel(subject: InboxSubject, notice: MessageKey | null): Promise<StaticCanvas> {
    return wrap(inboxPanel(await panelState(ctx, subject, notice)), { screen: 'panel' })
  }

  async function referralScreen(
    subject: InboxSubject,
    referralId: string,
    extra: { notice?: MessageKey | null; error?: MessageKey | null } = {},
  ): Promise<StaticCanvas> {
    const state = await referralState(ctx.db, subject, referralId, extra)
    if (!state) return panel(subject, null)
    return wrap(inboxReferral(state), { screen: 'referral', referral_id: referralId })
  }

  function rewardForm(
    subject: InboxSubject,
    values: { unit: string; amount: string; description: string },
    nonce: string,
    error: MessageKey | null,
  ): StaticCanvas {
    return wrap(
      inboxReward({
        locale: subject.locale,
        unit: readUnit(values.unit),
        amount: values.amount,
        description: values.description,
        error,
      }),
      { screen: 'reward', nonce },
    )
  }

  async function submit(
    subject: InboxSubject,
    body: InboxRequest,
    stored: InboxStored,
    actor: Actor,
  ): Promise<StaticCanvas> {
    const { workspaceId, campaign, participant, locale } = subject
    const values = body.input_values
    const id = body.component_id ?? ''
    const itemReferral = stored.items?.[id]
    if (itemReferral) return referralScreen(subject, itemReferral)

    switch (id) {
      case INBOX.showReferrals: {
        const friends = await latestFriends(ctx.db, workspaceId, subject.referrer.id, 10)
        const items = friends.map((friend, at) => ({
          itemId: `${INBOX.referralItemPrefix}${at + 1}`,
          friend: displayName(friend),
          status: friend.referral.status,
          date: isoDate(friend.referral.createdAt),
        }))
        const map = Object.fromEntries(
          items.map((item, at) => [item.itemId, friends[at]!.referral.id]),
        )
        return wrap(inboxReferrals({ locale, items }), { screen: 'referrals', items: map })
      }
      case INBOX.reviewReferredBy: {
        const by = await referredBy(ctx.db, workspaceId, campaign.id, participant.id)
        return by ? referralScreen(subject, by.referral.id) : panel(subject, null)
      }
      case INBOX.qualify: {
        if (!stored.referral_id) return panel(subject, null)
        await qualifyReferral(ctx.db, { workspaceId, referralId: stored.referral_id, actor })
        return referralScreen(subject, stored.referral_id, { notice: 'inbox.qualified' })
      }
      case INBOX.reject: {
        if (!stored.referral_id) return panel(subject, null)
        const reason = inputText(values, INBOX.rejectReason)
        if (!reason)
          return referralScreen(subject, stored.referral_id, { error: 'inbox.reasonRequired' })
        await rejectReferral(ctx.db, { workspaceId, referralId: stored.referral_id, actor, reason })
        return referralScreen(subject, stored.referral_id, { notice: 'inbox.rejected' })
      }
      case INBOX.addReferredBy:
        return wrap(inboxReferredBy({ locale, value: '', error: null }), { screen: 'referred_by' })
      case INBOX.saveReferredBy: {
        const value = inputText(values, INBOX.referredByInput)
        const friend = personOf(body.contact ?? body.customer)
        const outcome = friend
          ? await addReferredBy(ctx.db, {
              workspaceId,
              campaignId: campaign.id,
              friend,
              value,
              actor,
            })
          : ({ ok: false, error: 'inbox.noIdentity' } as const)
        if (!outcome.ok)
          return wrap(inboxReferredBy({ locale, value, error: outcome.error }), {
            screen: 'referred_by',
          })
        return panel(subject, outcome.created ? 'inbox.referredBySaved' : 'inbox.alreadyReferred')
      }
      case INBOX.issueReward:
        return rewardForm(subject, { unit: 'USD', amount: '', description: '' }, randomUUID(), null)
      case INBOX.saveReward: {
        const form = {
          unit: inputText(values, INBOX.rewardUnit),
          amount: inputText(values, INBOX.rewardAmount),
          description: inputText(values, INBOX.rewardDescription),
        }
        // A form without its nonce cannot be deduplicated: show it again with a fresh one.
        if (!stored.nonce) return rewardForm(subject, form, randomUUID(), null)
        const parsed = parseRewardForm({ ...form, unit: readUnit(form.unit) })
        if (!parsed.ok) return rewardForm(subject, form, stored.nonce, parsed.error)
        await issueManualReward(ctx.db, {
          workspaceId,
          campaignId: campaign.id,
          participantId: participant.id,
          nonce: stored.nonce,
          reward: parsed,
          actor,
        })
        return panel(subject, 'inbox.rewardIssued')
      }
      default:
        return panel(subject, null)
    }
  }

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
      campaignId: campaign.id,
      person,
      source: 'inbox',
      actor: { type: 'admin', id: body.admin?.id ?? null },
    },
    { emailPolicy: 'lenient' },
  )
  return { workspaceId, campaign, referrer, participant, locale: body.context?.locale }
}
