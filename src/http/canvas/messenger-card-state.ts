import type { MessageKey } from '../../../canvas/i18n/index.js'
import type { InviteState, MessengerCardState } from '../../../canvas/screens/messenger-card.js'
import type { AppContext } from '../../context.js'
import type { ReferrerView } from '../../ledger/referrer-view.js'
import type { PersonInput } from '../../ledger/types.js'
import { type CardOptions, partsOf } from './card-options.js'
import { personView } from './person-view.js'

/** A referrer's referral link: PUBLIC_URL + app-manifest's referral_link_prefix + code. */
export function referralLink(publicUrl: string, code: string): string {
  return `${publicUrl}/r/${encodeURIComponent(code)}`
}

/** The stable URL of a code's QR image (svg or png), served by routes/qr-code.ts. */
export function qrCodeUrl(publicUrl: string, code: string, format: 'png' | 'svg'): string {
  return `${referralLink(publicUrl, code)}/qr.${format}`
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
    /** Read the database, not the card cache: this request has just changed the ledger. */
    fresh?: boolean
  },
): Promise<MessengerCardState & { blocked: boolean; view: ReferrerView }> {
  const view = await personView(ctx, {
    workspaceId: input.workspaceId,
    campaignId: input.options.campaignId,
    person: input.person,
    source: 'messenger',
    actor: { type: 'contact', id: input.person.contactId ?? null },
    fresh: input.fresh === true,
  })
  const { campaign, referrer, rewards } = view
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
    layout: campaign.settings.card.layout,
    qrUrl: qrCodeUrl(ctx.config.publicUrl, referrer.code, 'png'),
    blocked: Boolean(referrer.blockedAt),
    /** What the state was made from (the card cache keeps answers with it). */
    view,
  }
}
