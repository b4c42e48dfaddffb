import { canvas } from '../../../canvas/components.js'
import { INBOX } from '../../../canvas/component-ids.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import { type InboxRequest, inputList, inputText } from '../../../canvas/requests.js'
import { formatRewards, safeLocale } from '../../../canvas/screens/inbox-panel.js'
import {
  inboxMoreActions,
  inboxVoidList,
  inboxVoidReward,
} from '../../../canvas/screens/inbox-more-actions.js'
import { translator } from '../../../canvas/i18n/index.js'
import type { StaticCanvas } from '../../../canvas/schema.js'
import type { AppContext } from '../../context.js'
import { InvalidTransitionError, NotFoundError } from '../../ledger/errors.js'
import { blockReferrer, unblockReferrer } from '../../ledger/referrer-blocks.js'
import { issueNewCode } from '../../ledger/referrer-codes.js'
import {
  decideReward,
  type Reward,
  rewardsOfParticipant,
  VOID_REWARD_STATUSES,
} from '../../ledger/rewards.js'
import { type InboxStored, type InboxSubject, inboxSubject, isoDate } from './inbox-state.js'

type Panel = (subject: InboxSubject, notice: MessageKey | null) => StaticCanvas

/** The component ids this module answers (More actions and its sub-screens). */
export const AGENT_ACTION_IDS: ReadonlySet<string> = new Set([
  INBOX.more,
  INBOX.block,
  INBOX.unblock,
  INBOX.newCode,
  INBOX.voidReward,
  INBOX.voidConfirm,
])

function moreCanvas(
  subject: InboxSubject,
  extra: { notice?: MessageKey | null; error?: MessageKey | null } = {},
): StaticCanvas {
  const components = inboxMoreActions({
    locale: subject.locale,
    name: subject.participant.name ?? subject.participant.email ?? '—',
    code: subject.referrer.code,
    blocked: Boolean(subject.referrer.blockedAt),
    notice: extra.notice ?? null,
    error: extra.error ?? null,
  })
  return canvas(components, { screen: 'more' })
}

/** "$25.00" / "100 points" in the agent's locale; a coupon by its code. */
function rewardTitle(reward: Reward, locale: string | null | undefined): string {
  if (reward.couponCode) return reward.couponCode
  const money =
    reward.amountMinor !== null && reward.currency
      ? [{ currency: reward.currency, amountMinor: reward.amountMinor }]
      : []
  const totals = { count: 1, money, points: reward.points ?? 0 }
  return formatRewards(totals, translator(locale), safeLocale(locale))
}

async function voidListCanvas(ctx: AppContext, subject: InboxSubject): Promise<StaticCanvas> {
  const rewards = (
    await rewardsOfParticipant(ctx.db, subject.workspaceId, subject.participant.id, 20)
  )
    .filter((reward) => !(VOID_REWARD_STATUSES as readonly string[]).includes(reward.status))
    .slice(0, 10)
  const items = rewards.map((reward, at) => ({
    itemId: `${INBOX.voidItemPrefix}${at + 1}`,
    rewardId: reward.id,
    title: rewardTitle(reward, subject.locale),
    subtitle: `${reward.description ?? reward.kind} · ${isoDate(reward.createdAt)}`,
  }))
  return canvas(inboxVoidList({ locale: subject.locale, items }), {
    screen: 'void_list',
    items: Object.fromEntries(items.map((item) => [item.itemId, item.rewardId])),
  })
}

async function voidCanvas(
  ctx: AppContext,
  subject: InboxSubject,
  rewardId: string,
  error: MessageKey | null,
): Promise<StaticCanvas | null> {
  const reward = (
    await rewardsOfParticipant(ctx.db, subject.workspaceId, subject.participant.id, 50)
  ).find((r) => r.id === rewardId)
  if (!reward) return null
  return canvas(
    inboxVoidReward({
      locale: subject.locale,
      reward: rewardTitle(reward, subject.locale),
      status: reward.status,
      error,
    }),
    { screen: 'void', reward_id: reward.id },
  )
}

/**
 * More actions: block or unblock the referrer, a new code, void a reward. Each change is the
 * ledger's (with the agent as actor, naming the conversation), so the note on the conversation
 * and the data events follow from it; a failure to send those never undoes the change.
 */
export async function agentAction(
  ctx: AppContext,
  subject: InboxSubject,
  body: InboxRequest,
  stored: InboxStored,
  panel: Panel,
): Promise<StaticCanvas> {
  const { workspaceId, actor, referrer } = subject
  const id = body.component_id ?? ''
  const reason = inputText(body.input_values, INBOX.actionReason)
  const fresh = () => inboxSubject(ctx, subject)

  // A reward chosen from the void list.
  const listed = stored.screen === 'void_list' ? stored.items?.[id] : undefined
  if (listed)
    return (await voidCanvas(ctx, subject, listed, null)) ?? (await voidListCanvas(ctx, subject))

  switch (id) {
    case INBOX.more:
      return moreCanvas(subject)
    case INBOX.block: {
      if (!reason) return moreCanvas(subject, { error: 'inbox.blockReasonRequired' })
      await blockReferrer(ctx.db, { workspaceId, referrerId: referrer.id, reason, actor })
      return panel(await fresh(), 'inbox.blocked')
    }
    case INBOX.unblock: {
      await unblockReferrer(ctx.db, { workspaceId, referrerId: referrer.id, reason, actor })
      return panel(await fresh(), 'inbox.unblocked')
    }
    case INBOX.newCode: {
      const disableOld = inputList(body.input_values, INBOX.disableOld).includes(
        INBOX.disableOldYes,
      )
      await issueNewCode(ctx.db, {
        workspaceId,
        referrerId: referrer.id,
        disableOld,
        reason,
        actor,
      })
      return panel(await fresh(), 'inbox.newCodeIssued')
    }
    case INBOX.voidReward:
      return voidListCanvas(ctx, subject)
    case INBOX.voidConfirm: {
      if (!stored.reward_id) return voidListCanvas(ctx, subject)
      if (!reason)
        return (
          (await voidCanvas(ctx, subject, stored.reward_id, 'inbox.voidReasonRequired')) ??
          (await voidListCanvas(ctx, subject))
        )
      // Only this contact's rewards: a reward id from another person's panel is not voided here.
      const own = await voidCanvas(ctx, subject, stored.reward_id, null)
      if (!own) return moreCanvas(subject, { error: 'inbox.rewardGone' })
      try {
        await decideReward(ctx.db, {
          workspaceId,
          rewardId: stored.reward_id,
          to: 'reversed',
          reason,
          actor,
        })
      } catch (error) {
        if (error instanceof InvalidTransitionError || error instanceof NotFoundError)
          return moreCanvas(subject, { error: 'inbox.rewardGone' })
        throw error
      }
      return panel(await fresh(), 'inbox.voided')
    }
    default:
      return panel(subject, null)
  }
}
