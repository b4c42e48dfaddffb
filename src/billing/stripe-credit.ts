import type { AppContext } from '../context.js'
import { getCampaign } from '../ledger/campaigns.js'
import { toStripeAmount } from '../money/stripe.js'
import type { Reward } from '../ledger/rewards.js'
import { customerOfParticipant } from './matching.js'
import { issuePromotionCode } from './promotion-code.js'
import { isPermanentStripeError, stripeErrorMessage, stripeFor } from './stripe-client.js'
import { stripeSecrets } from './stripe-connection.js'

export type CreditOutcome =
  | { readonly kind: 'sent'; readonly via: 'balance' | 'promotion_code' }
  | { readonly kind: 'skipped'; readonly reason: string }

/**
 * Pays a money reward as Stripe credit when its campaign says so: a negative balance transaction
 * on the recipient's Stripe customer, or a one-off promotion code. Every call carries the reward's
 * id as Idempotency-Key, so a retried job never credits twice. A refusal that retrying cannot fix
 * (no Stripe customer, a currency the customer's balance is not in) is returned, not thrown.
 */
export async function deliverStripeCredit(ctx: AppContext, reward: Reward): Promise<CreditOutcome> {
  const campaign = await getCampaign(ctx.db, reward.workspaceId, reward.campaignId)
  const mode = campaign.settings.billing.creditRewardsAs
  if (mode === 'none') return { kind: 'skipped', reason: 'credit is off for this campaign' }
  if (!reward.amountMinor || !reward.currency) {
    return { kind: 'skipped', reason: 'the reward carries no money' }
  }
  const secrets = await stripeSecrets(ctx, reward.workspaceId)
  if (!secrets) return { kind: 'skipped', reason: 'Stripe is not connected' }
  const stripe = await stripeFor(ctx.config, secrets.secretKey)
  const customer = await customerOfParticipant(ctx.db, reward.workspaceId, reward.participantId)
  const currency = reward.currency.toLowerCase()
  const metadata = { reward_id: reward.id, referral_id: reward.referralId ?? '' }
  try {
    if (mode === 'balance') {
      if (!customer) return { kind: 'skipped', reason: 'the recipient has no Stripe customer' }
      await stripe.customers.createBalanceTransaction(
        customer,
        {
          amount: -toStripeAmount(reward.amountMinor, reward.currency),
          currency,
          description: reward.description ?? 'Referral reward',
          metadata,
        },
        { idempotencyKey: reward.id },
      )
      return { kind: 'sent', via: 'balance' }
    }
    const coupon = await stripe.coupons.create(
      {
        amount_off: toStripeAmount(reward.amountMinor, reward.currency),
        currency,
        duration: 'once',
        max_redemptions: 1,
        name: 'Referral reward',
        metadata,
      },
      { idempotencyKey: `${reward.id}-coupon` },
    )
    await issuePromotionCode(ctx, stripe, reward, {
      coupon: coupon.id,
      customer,
      metadata,
      idempotencyKey: reward.id,
    })
    return { kind: 'sent', via: 'promotion_code' }
  } catch (error) {
    if (isPermanentStripeError(error)) {
      return { kind: 'skipped', reason: `Stripe refused the credit: ${stripeErrorMessage(error)}` }
    }
    throw error
  }
}
