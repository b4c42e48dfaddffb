import type { AppContext } from '../context.js'
import { sql } from 'kysely'
import { DATA_EVENTS } from '../intercom/data-events/derive.js'
import { getCampaign } from '../ledger/campaigns.js'
import { recordEvent } from '../ledger/events.js'
import { rewardSigningSecret } from './reward-signing-secret.js'
import { decideRewardIn, type Reward, toReward } from '../ledger/rewards.js'
import type { FulfilmentJob } from './fulfilment-queue.js'
import { deliverFulfilmentWebhook } from './fulfilment-webhook.js'
import { clearDeliveryFailure } from './delivery-state.js'
import { outboundPolicy } from '../outbound/settings-urls.js'
import { fulfilmentPayload } from './reward-payload.js'

const SYSTEM = { type: 'system', id: 'reward-fulfilment' } as const

/** Pays a reward as Stripe credit when its campaign says so (src/billing/stripe-credit.ts). */
export type CreditInStripe = (
  ctx: AppContext,
  reward: Reward,
) => Promise<{ readonly kind: 'sent' } | { readonly kind: 'skipped'; readonly reason: string }>

/** Creates the promotion code of a percentage coupon in Stripe (src/billing/stripe-coupon-reward.ts). */
export type CouponInStripe = (
  ctx: AppContext,
  reward: Reward,
) => Promise<{ readonly kind: 'sent' } | { readonly kind: 'skipped'; readonly reason: string }>

/** The ways of paying a reward that live in other features, given by the composition root. */
export interface FulfilmentChannels {
  readonly creditInStripe: CreditInStripe
  readonly couponInStripe: CouponInStripe
}

export type FulfilOutcome =
  | {
      kind: 'fulfilled'
      intercom: 'queued' | 'skipped'
      webhook: 'sent' | 'skipped'
      stripe?: 'sent' | 'skipped'
    }
  | { kind: 'nothing-to-deliver' }
  | { kind: 'not-approved'; status: string }

/**
 * Delivers an approved reward: (a) the data event on the recipient's Intercom contact, which the
 * data-event pipeline owes from the approval itself, (b) the signed webhook to the campaign's
 * fulfilment URL. A failure throws, so the queue retries the job. Either on its way → fulfilled.
 * Neither (no Intercom connection, no webhook) → the reward stays approved for the admin to settle.
 */
export async function fulfilReward(
  ctx: AppContext,
  job: FulfilmentJob,
  channels: FulfilmentChannels,
): Promise<FulfilOutcome> {
  const row = await ctx.db
    .selectFrom('rewards')
    .innerJoin('participants', 'participants.id', 'rewards.participant_id')
    .selectAll('rewards')
    .select(['participants.contact_id', 'participants.email', 'participants.name'])
    .where('rewards.workspace_id', '=', job.workspaceId)
    .where('rewards.id', '=', job.rewardId)
    .executeTakeFirst()
  if (!row) return { kind: 'not-approved', status: 'missing' }
  const reward = toReward(row)
  if (reward.status !== 'approved') return { kind: 'not-approved', status: reward.status }
  // A gift card or cash is the payout queue's to deliver (src/rewards/payouts/).
  if (reward.kind === 'payout') return { kind: 'nothing-to-deliver' }

  // Stripe credit first: its idempotency key makes a retry after a later failure harmless.
  const credit = await channels.creditInStripe(ctx, reward)
  if (credit.kind === 'skipped' && credit.reason !== 'credit is off for this campaign') {
    ctx.logger.warn({ rewardId: reward.id, reason: credit.reason }, 'reward not credited in Stripe')
  }
  // A percentage coupon "created in Stripe": the promotion code the recipient redeems.
  const coupon = await channels.couponInStripe(ctx, reward)
  if (coupon.kind === 'skipped' && coupon.reason.startsWith('Stripe '))
    ctx.logger.warn({ rewardId: reward.id, reason: coupon.reason }, 'coupon not created in Stripe')
  const stripe = credit.kind === 'sent' || coupon.kind === 'sent' ? 'sent' : 'skipped'
  const intercom = await intercomEventOwed(ctx, reward)
  const campaign = await getCampaign(ctx.db, reward.workspaceId, reward.campaignId)
  const url = campaign.settings.rewards.fulfilmentWebhookUrl
  let webhook: 'sent' | 'skipped' = 'skipped'
  if (url) {
    const delivered = await deliverFulfilmentWebhook({
      url,
      payload: fulfilmentPayload(reward, {
        contactId: row.contact_id,
        email: row.email,
        name: row.name,
      }),
      secret: await rewardSigningSecret(ctx.db, reward.workspaceId),
      policy: outboundPolicy(ctx.config),
    })
    webhook = 'sent'
    ctx.logger.info(
      { rewardId: reward.id, deliveryId: delivered.deliveryId },
      'reward webhook sent',
    )
  }
  if (intercom === 'skipped' && webhook === 'skipped' && stripe === 'skipped') {
    return { kind: 'nothing-to-deliver' }
  }

  await ctx.db.transaction().execute(async (trx) => {
    await decideRewardIn(trx, {
      workspaceId: reward.workspaceId,
      rewardId: reward.id,
      to: 'fulfilled',
      actor: SYSTEM,
    })
    await clearDeliveryFailure(trx, reward)
    await recordEvent(trx, {
      workspaceId: reward.workspaceId,
      type: 'reward.delivered',
      subject: { type: 'reward', id: reward.id },
      actor: SYSTEM,
      data: { intercom, webhook, stripe },
    })
  })
  return { kind: 'fulfilled', intercom, webhook, stripe }
}

/**
 * The Intercom half is the data-event pipeline's: the approval's ledger event put
 * `referral-reward-issued` in the outbox (sent after the recipient's attributes, once), so this
 * job only notes whether it is on its way instead of sending a second copy.
 */
async function intercomEventOwed(ctx: AppContext, reward: Reward): Promise<'queued' | 'skipped'> {
  const row = await ctx.db
    .selectFrom('intercom_event_outbox')
    .select('id')
    .where('workspace_id', '=', reward.workspaceId)
    .where('participant_id', '=', reward.participantId)
    .where('event_name', '=', DATA_EVENTS.rewardIssued)
    .where(sql<boolean>`metadata->>'reward_id' = ${reward.id}`)
    .where('status', '!=', 'failed')
    .executeTakeFirst()
  return row ? 'queued' : 'skipped'
}
