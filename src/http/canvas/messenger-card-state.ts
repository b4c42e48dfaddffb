import { type MessageKey } from '../../../canvas/i18n/index.js'
import {
  type InviteState,
  type MessengerCardState,
} from '../../../canvas/screens/messenger-card.js'
import { type AppContext } from '../../context.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import { rewardTotals } from '../../ledger/summaries.js'
import { type PersonInput } from '../../ledger/types.js'
import { campaignFor, type CardOptions, partsOf } from './card-options.js'

/** A referrer's referral link: PUBLIC_URL + app-manifest's referral_link_prefix + code. */
export function referralLink(publicUrl: string, code: string): string {
  return `${publicUrl}/r/${encodeURIComponent(code)}`
}

/** Everything the Messenger card shows for one person, enrolling them as a referrer on first sight. */
export async function messengerCardState(
  ctx: AppContext,
  input: {
    workspaceId: string
    options: CardOptions
    person: PersonInput
    locale: string | null | undefined
    invite: InviteState
    notice?: MessageKey | null
  },
): Promise<MessengerCardState> {
  const campaign = await campaignFor(ctx.db, input.workspaceId, input.options.campaignId)
  const { referrer, participant } = await ensureReferrer(
    ctx.db,
    {
      workspaceId: input.workspaceId,
      campaign,
      person: input.person,
      source: 'messenger',
      actor: { type: 'contact', id: input.person.contactId ?? null },
    },
    { emailPolicy: 'lenient' },
  )
  const rewards = await rewardTotals(ctx.db, input.workspaceId, participant.id, campaign.id)
  return {
    locale: input.locale,
    headline: campaign.settings.card.headline,
    parts: partsOf(campaign, input.options),
    link: referralLink(ctx.config.publicUrl, referrer.code),
    code: referrer.code,
    joined: referrer.referralCount,
    converted: referrer.convertedCount,
    rewardGoal: campaign.settings.card.rewardGoal,
    rewardsEarned: rewards.count,
    sheetUrl: `${ctx.config.publicUrl}/canvas/messenger/sheet`,
    invite: input.invite,
    notice: input.notice ?? null,
  }
}
