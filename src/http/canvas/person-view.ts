import type { AppContext } from '../../context.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import { type ReferrerView, referrerViewOfContact } from '../../ledger/referrer-view.js'
import { referredBy, rewardTotals } from '../../ledger/summaries.js'
import type { Actor, PersonInput } from '../../ledger/types.js'
import { campaignFor } from './card-options.js'

/**
 * What a canvas shows about the person it is for. A contact already enrolled costs one prepared
 * read; anyone else is enrolled first (in the configured campaign, or the default one when that
 * was deleted), which is a transaction and a few reads, once.
 */
export async function personView(
  ctx: AppContext,
  input: {
    workspaceId: string
    campaignId: string | null
    person: PersonInput
    source: 'messenger' | 'inbox'
    actor: Actor
    /** Read the database, not the cache: this request has just changed the ledger. */
    fresh?: boolean
  },
): Promise<ReferrerView> {
  const known = await referrerViewOfContact(
    ctx.db,
    input,
    ctx.referrerViews ?? null,
    input.fresh === true,
  )
  if (known) return known
  const campaign = await campaignFor(ctx.db, input.workspaceId, input.campaignId)
  const { referrer, participant } = await ensureReferrer(
    ctx.db,
    { ...input, campaign },
    { emailPolicy: 'lenient' },
  )
  const [rewards, by] = await Promise.all([
    rewardTotals(ctx.db, input.workspaceId, participant.id, campaign.id),
    referredBy(ctx.db, input.workspaceId, campaign.id, participant.id),
  ])
  return {
    campaign,
    referrer,
    participant,
    rewards,
    referredBy: by
      ? {
          name: by.referrerName,
          email: by.referrerEmail,
          code: by.referrerCode,
          status: by.referral.status,
        }
      : null,
  }
}
