import type { AppContext } from '../context.js'
import type { RewardRule } from '../ledger/campaign-settings.js'
import { getCampaign } from '../ledger/campaigns.js'
import { ruleIdOfKey } from '../rewards/reward-plan.js'
import type { Reward } from '../ledger/rewards.js'
import { customerOfParticipant } from './matching.js'
import { issuePromotionCode } from './promotion-code.js'
import { isPermanentStripeError, stripeErrorMessage, stripeFor } from './stripe-client.js'
import { stripeSecrets } from './stripe-connection.js'

type CouponOutcome =
  | { readonly kind: 'sent'; readonly code: string }
  | { readonly kind: 'skipped'; readonly reason: string }

/**
 * The Stripe coupon of a rule: one per campaign, rule and discount, with an id of our own
 * (https://docs.stripe.com/api/coupons/create: `id`), so it is created once and found again.
 */
export function stripeCouponId(campaignId: string, rule: RewardRule): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '-')
  return `referral-${safe(campaignId)}-${safe(rule.id)}-${rule.percentOff ?? 0}`
}

/**
 * Issues a "Created in Stripe" coupon reward: the rule's percentage coupon (created on first use)
 * and one single-use promotion code for this reward, whose customer-facing code is stored on the
 * reward. Both requests carry idempotency keys, so a retried job never makes a second code.
 */
export async function deliverStripeCouponReward(
  ctx: AppContext,
  reward: Reward,
): Promise<CouponOutcome> {
  if (reward.kind !== 'coupon') return { kind: 'skipped', reason: 'not a coupon reward' }
  if (reward.couponCode) return { kind: 'sent', code: reward.couponCode }
  const rule = await ruleOf(ctx, reward)
  if (!rule || rule.couponSource !== 'stripe' || rule.percentOff === null)
    return { kind: 'skipped', reason: 'the coupon comes from a pool of codes' }
  const secrets = await stripeSecrets(ctx, reward.workspaceId)
  if (!secrets) return { kind: 'skipped', reason: 'Stripe is not connected' }
  const stripe = await stripeFor(ctx.config, secrets.secretKey)
  const couponId = stripeCouponId(reward.campaignId, rule)
  const metadata = { reward_id: reward.id, referral_id: reward.referralId ?? '' }
  try {
    await stripe.coupons.retrieve(couponId).catch(async (error: unknown) => {
      if ((error as { code?: unknown }).code !== 'resource_missing') throw error
      await stripe.coupons.create(
        {
          id: couponId,
          percent_off: rule.percentOff ?? undefined,
          duration: 'once',
          name: rule.description ?? `${rule.percentOff}% off (referral)`,
          metadata: { campaign_id: reward.campaignId, rule_id: rule.id },
        },
        { idempotencyKey: `coupon-${couponId}` },
      )
    })
    const customer = await customerOfParticipant(ctx.db, reward.workspaceId, reward.participantId)
    const code = await issuePromotionCode(ctx, stripe, reward, {
      coupon: couponId,
      customer,
      metadata,
      idempotencyKey: `${reward.id}-promotion-code`,
    })
    return { kind: 'sent', code }
  } catch (error) {
    if (isPermanentStripeError(error))
      return { kind: 'skipped', reason: `Stripe refused the coupon: ${stripeErrorMessage(error)}` }
    throw error
  }
}

async function ruleOf(ctx: AppContext, reward: Reward): Promise<RewardRule | null> {
  const row = await ctx.db
    .selectFrom('rewards')
    .select('idempotency_key')
    .where('workspace_id', '=', reward.workspaceId)
    .where('id', '=', reward.id)
    .executeTakeFirst()
  const ruleId = row?.idempotency_key ? ruleIdOfKey(row.idempotency_key) : null
  if (!ruleId) return null
  const campaign = await getCampaign(ctx.db, reward.workspaceId, reward.campaignId)
  return campaign.settings.rewards.rules.find((rule) => rule.id === ruleId) ?? null
}
