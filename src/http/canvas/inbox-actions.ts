import { randomUUID } from 'node:crypto'
import { canvas } from '../../../canvas/components.js'
import { INBOX } from '../../../canvas/component-ids.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import { type InboxRequest, inputText } from '../../../canvas/requests.js'
import { inboxPanel } from '../../../canvas/screens/inbox-panel.js'
import { inboxReferral } from '../../../canvas/screens/inbox-referral.js'
import { inboxReferrals } from '../../../canvas/screens/inbox-referrals.js'
import { inboxReferredBy } from '../../../canvas/screens/inbox-referred-by.js'
import { inboxReward } from '../../../canvas/screens/inbox-reward.js'
import type { Component, StaticCanvas } from '../../../canvas/schema.js'
import type { AppContext } from '../../context.js'
import { qualifyReferral, rejectReferral } from '../../ledger/referrals.js'
import { latestFriends, referredBy } from '../../ledger/summaries.js'
import {
  type InboxStored,
  type InboxSubject,
  inboxSubject,
  isoDate,
  panelState,
  referralState,
} from './inbox-state.js'
import { inboxPrivacyAction } from './inbox-privacy.js'
import { issueManualReward, parseRewardForm, readUnit } from './manual-reward.js'
import { displayName, personOf } from './people.js'
import { addReferredBy } from './referred-by.js'
import { AGENT_ACTION_IDS, agentAction } from './inbox-agent-actions.js'

function withStored(components: Component[], stored: InboxStored): StaticCanvas {
  const present = Object.entries(stored).filter(
    ([, value]) => value !== null && value !== undefined,
  )
  return canvas(components, Object.fromEntries(present))
}

export function panelCanvas(
  ctx: AppContext,
  subject: InboxSubject,
  notice: MessageKey | null,
): StaticCanvas {
  return withStored(inboxPanel(panelState(ctx, subject, notice)), { screen: 'panel' })
}

async function referralCanvas(
  ctx: AppContext,
  subject: InboxSubject,
  referralId: string,
  extra: { notice?: MessageKey | null; error?: MessageKey | null } = {},
): Promise<StaticCanvas> {
  const state = await referralState(ctx.db, subject, referralId, extra)
  if (!state) return panelCanvas(ctx, subject, null)
  return withStored(inboxReferral(state), { screen: 'referral', referral_id: referralId })
}

function rewardCanvas(
  subject: InboxSubject,
  values: { unit: string; amount: string; description: string },
  nonce: string,
  error: MessageKey | null,
): StaticCanvas {
  const state = { ...values, locale: subject.locale, unit: readUnit(values.unit), error }
  return withStored(inboxReward(state), { screen: 'reward', nonce })
}

/** One Inbox submit: the component that fired decides the action; state comes from stored_data. */
export async function inboxAction(
  ctx: AppContext,
  subject: InboxSubject,
  body: InboxRequest,
  stored: InboxStored,
): Promise<StaticCanvas> {
  const { workspaceId, campaign, participant, locale, actor } = subject
  const values = body.input_values
  const id = body.component_id ?? ''
  if (AGENT_ACTION_IDS.has(id) || stored.screen === 'void_list')
    return agentAction(ctx, subject, body, stored, (s, notice) => panelCanvas(ctx, s, notice))
  const itemReferral = stored.items?.[id]
  if (itemReferral) return referralCanvas(ctx, subject, itemReferral)
  const privacy = await inboxPrivacyAction(ctx, subject, id)
  if (privacy) return privacy

  switch (id) {
    case INBOX.showReferrals: {
      const friends = await latestFriends(ctx.db, workspaceId, subject.referrer.id, 10)
      const items = friends.map((friend, at) => ({
        itemId: `${INBOX.referralItemPrefix}${at + 1}`,
        referralId: friend.referral.id,
        friend: displayName(friend),
        status: friend.referral.status,
        date: isoDate(friend.referral.createdAt),
      }))
      const map = Object.fromEntries(items.map((item) => [item.itemId, item.referralId]))
      return withStored(inboxReferrals({ locale, items }), { screen: 'referrals', items: map })
    }
    case INBOX.reviewReferredBy: {
      const by = await referredBy(ctx.db, workspaceId, campaign.id, participant.id)
      return by ? referralCanvas(ctx, subject, by.referral.id) : panelCanvas(ctx, subject, null)
    }
    case INBOX.qualify: {
      if (!stored.referral_id) return panelCanvas(ctx, subject, null)
      await qualifyReferral(ctx.db, { workspaceId, referralId: stored.referral_id, actor })
      return referralCanvas(ctx, subject, stored.referral_id, { notice: 'inbox.qualified' })
    }
    case INBOX.reject: {
      if (!stored.referral_id) return panelCanvas(ctx, subject, null)
      const reason = inputText(values, INBOX.rejectReason)
      if (!reason)
        return referralCanvas(ctx, subject, stored.referral_id, { error: 'inbox.reasonRequired' })
      await rejectReferral(ctx.db, { workspaceId, referralId: stored.referral_id, actor, reason })
      return referralCanvas(ctx, subject, stored.referral_id, { notice: 'inbox.rejected' })
    }
    case INBOX.addReferredBy:
      return withStored(inboxReferredBy({ locale, value: '', error: null }), {
        screen: 'referred_by',
      })
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
        return withStored(inboxReferredBy({ locale, value, error: outcome.error }), {
          screen: 'referred_by',
        })
      return panelCanvas(
        ctx,
        await inboxSubject(ctx, subject, { fresh: true }),
        outcome.created ? 'inbox.referredBySaved' : 'inbox.alreadyReferred',
      )
    }
    case INBOX.issueReward:
      return rewardCanvas(subject, { unit: 'USD', amount: '', description: '' }, randomUUID(), null)
    case INBOX.saveReward: {
      const form = {
        unit: inputText(values, INBOX.rewardUnit),
        amount: inputText(values, INBOX.rewardAmount),
        description: inputText(values, INBOX.rewardDescription),
      }
      // A form without its nonce cannot be deduplicated: show it again with a fresh one.
      if (!stored.nonce) return rewardCanvas(subject, form, randomUUID(), null)
      const parsed = parseRewardForm({ ...form, unit: readUnit(form.unit) })
      if (!parsed.ok) return rewardCanvas(subject, form, stored.nonce, parsed.error)
      await issueManualReward(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        participantId: participant.id,
        nonce: stored.nonce,
        reward: parsed,
        actor,
      })
      return panelCanvas(
        ctx,
        await inboxSubject(ctx, subject, { fresh: true }),
        'inbox.rewardIssued',
      )
    }
    default:
      return panelCanvas(ctx, subject, null)
  }
}
