import { deliverStripeCredit } from '../billing/stripe-credit.js'
import { type AppContext } from '../context.js'
import { IntercomApiError, type IntercomApi } from '../intercom/api-types.js'
import { getIntercomApi } from '../intercom/connections.js'
import { getCampaign } from '../ledger/campaigns.js'
import { recordEvent } from '../ledger/events.js'
import { rewardSigningSecret } from '../ledger/reward-signing-secret.js'
import { decideRewardIn, type Reward, toReward } from '../ledger/rewards.js'
import { type FulfilmentJob } from './fulfilment-queue.js'
import { deliverFulfilmentWebhook } from './fulfilment-webhook.js'
import { outboundPolicy } from '../outbound/settings-urls.js'
import { fulfilmentPayload, rewardEventMetadata } from './reward-payload.js'

export const REWARD_EVENT_NAME = 'referral-reward-issued'
const SYSTEM = { type: 'system', id: 'reward-fulfilment' } as const

export type FulfilOutcome =
  | {
      kind: 'fulfilled'
      intercom: 'sent' | 'skipped'
      webhook: 'sent' | 'skipped'
      stripe?: 'sent' | 'skipped'
    }
  | { kind: 'nothing-to-deliver' }
  | { kind: 'not-approved'; status: string }

/**
 * Delivers an approved reward: (a) a data event on the recipient's Intercom contact, (b) the signed
 * webhook to the campaign's fulfilment URL. A failure throws, so the queue retries the whole job;
 * repeating (a) is harmless because Intercom de-duplicates events by contact, name and created_at.
 * Both done → fulfilled. Neither configured → the reward stays approved for the admin to settle.
 */
export async function fulfilReward(ctx: AppContext, job: FulfilmentJob): Promise<FulfilOutcome> {
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

  // Stripe credit first: its idempotency key makes a retry after a later failure harmless.
  const credit = await deliverStripeCredit(ctx, reward)
  if (credit.kind === 'skipped' && credit.reason !== 'credit is off for this campaign') {
    ctx.logger.warn({ rewardId: reward.id, reason: credit.reason }, 'reward not credited in Stripe')
  }
  const stripe = credit.kind === 'sent' ? 'sent' : 'skipped'
  const intercom = row.contact_id ? await sendIntercomEvent(ctx, reward, row.contact_id) : 'skipped'
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

async function sendIntercomEvent(
  ctx: AppContext,
  reward: Reward,
  contactId: string,
): Promise<'sent' | 'skipped'> {
  const api: IntercomApi | null = await getIntercomApi(ctx, reward.workspaceId)
  if (!api) return 'skipped'
  try {
    await api.createEvent({
      eventName: REWARD_EVENT_NAME,
      contactId,
      // Fixed per reward: a retried job sends the same event, which Intercom drops as a duplicate.
      createdAt: Math.floor((reward.approvedAt ?? reward.createdAt).getTime() / 1000),
      metadata: rewardEventMetadata(reward),
    })
    return 'sent'
  } catch (error) {
    // Unknown contact, revoked token and the like will not heal by retrying: skip this part.
    if (error instanceof IntercomApiError && !error.retryable) {
      ctx.logger.warn({ rewardId: reward.id, err: error }, 'reward event not sent to Intercom')
      return 'skipped'
    }
    throw error
  }
}
