import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import type { Reward } from '../ledger/rewards.js'
import type { StripeApi } from './stripe-client.js'

/**
 * One single-use Stripe promotion code for `coupon` (for the recipient's Stripe customer when
 * known), stored as the reward's coupon code: the customer-facing code of a Stripe coupon reward
 * and of a credit paid as a code. The idempotency key makes a retried job find the same code.
 * https://docs.stripe.com/api/promotion_codes/create
 */
export async function issuePromotionCode(
  ctx: Pick<AppContext, 'db'>,
  stripe: StripeApi,
  reward: Reward,
  input: {
    readonly coupon: string
    readonly customer: string | null
    readonly metadata: Record<string, string>
    readonly idempotencyKey: string
  },
): Promise<string> {
  const code = await stripe.promotionCodes.create(
    {
      promotion: { type: 'coupon', coupon: input.coupon },
      max_redemptions: 1,
      ...(input.customer ? { customer: input.customer } : {}),
      metadata: input.metadata,
    },
    { idempotencyKey: input.idempotencyKey },
  )
  await ctx.db
    .updateTable('rewards')
    .set({ coupon_code: code.code, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', reward.workspaceId)
    .where('id', '=', reward.id)
    .execute()
  return code.code
}
