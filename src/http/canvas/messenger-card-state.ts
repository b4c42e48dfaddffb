import type { MessageKey } from '../../../canvas/i18n/index.js'
import type { InviteState, MessengerCardState } from '../../../canvas/screens/messenger-card.js'
import type { AppContext } from '../../context.js'
import type { ReferrerView } from '../../ledger/referrer-view.js'
import type { PersonInput } from '../../ledger/types.js'
import { type CardOptions, partsOf } from './card-options.js'
import { cardStateOf } from './customer-screens.js'
import { personView } from './person-view.js'
import { sealedSheetUrl } from './share-sheet-url.js'
import { referrerContest } from '../../contests/card-contest.js'
import { variantSettings } from '../../experiments/experiment-settings.js'
import { PAYOUT_ADDRESS_SHEET_PATH, paysByPayPal } from './payout-address.js'
import { payoutAddressOf } from '../../rewards/payouts/payout-addresses.js'

// The link helpers live with the other customer-screen builders; other modules import them here.
export { referralLink } from './customer-screens.js'

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
  const { campaign, referrer, participant, rewards, latestPayout } = view
  // In an experiment, the referrer's variant's headline, share message and offer (the variant is
  // recorded on their first view).
  const variant = await ctx.experiments?.variantFor({
    workspaceId: input.workspaceId,
    campaignId: campaign.id,
    referrerId: referrer.id,
  })
  const contest = await referrerContest(ctx.db, ctx.contests, {
    workspaceId: input.workspaceId,
    campaignId: campaign.id,
    referrerId: referrer.id,
  })
  const state = cardStateOf({
    settings: variant ? variantSettings(campaign.settings, variant) : campaign.settings,
    parts: partsOf(campaign, input.options),
    referrer: {
      code: referrer.code,
      joined: referrer.referralCount,
      converted: referrer.convertedCount,
      rewardsEarned: rewards.count,
    },
    publicUrl: ctx.config.publicUrl,
    locale: input.locale,
    invite: input.invite,
    notice: input.notice ?? null,
  })
  return {
    ...state,
    // The share sheet's POST is unsigned: its URL carries a seal of this workspace and person.
    sheetUrl: sealedSheetUrl(ctx.config, input.workspaceId, input.person),
    latestPayout: latestPayout ?? null,
    payoutAddress: paysByPayPal(campaign)
      ? {
          email: (await payoutAddressOf(ctx.db, input.workspaceId, participant.id))?.email ?? null,
          // Sealed like the share sheet: only this person's card opens their address form.
          sheetUrl: sealedSheetUrl(
            ctx.config,
            input.workspaceId,
            input.person,
            PAYOUT_ADDRESS_SHEET_PATH,
          ),
        }
      : null,
    blocked: Boolean(referrer.blockedAt),
    contest: contest && {
      rank: contest.rank,
      gap: contest.gap,
      sheetUrl: sealedSheetUrl(
        ctx.config,
        input.workspaceId,
        input.person,
        '/canvas/messenger/sheet/leaderboard',
      ),
    },
    // What the state was made from (the card cache keeps answers with it).
    view,
  }
}
