import { sql } from 'kysely'
import { getParticipant } from '../ledger/participants.js'
import type { RewardRule } from '../ledger/campaign-settings.js'
import { latestContactSnapshot } from '../ledger/contact-snapshots.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import { commissionMinor, saleValueToMinor } from './reward-amounts.js'
import { COUPON_POOL_EMPTY, notifyRewardApproved } from './reward-approval.js'
import { drawCoupon } from './reward-coupons.js'
import { holdUntilFor } from './reward-hold.js'
import { type PlannedReward, planRewards } from './reward-plan.js'
import { onReferralQualified } from '../ledger/referrals.js'
import {
  decideRewardIn,
  issueReward,
  type Reward,
  VOID_REWARD_STATUSES,
} from '../ledger/rewards.js'
import type { Actor, Referral } from '../ledger/types.js'
import { campaignOfferFor } from '../experiments/experiments.js'

/**
 * Rewards follow qualification: subscribes issuing to onReferralQualified on this instance's
 * database handle (once, by the composition root), so it runs inside the qualifying transaction.
 * qualifyReferralIn locks the referral and returns early when it is already qualified, and every
 * reward has an idempotency key, so three concurrent deliveries of one conversion issue each
 * reward once. The result unsubscribes.
 */
export function installRewardIssuing(db: Db): () => void {
  return onReferralQualified(db, (trx, referral, actor) =>
    issueRewardsFor(trx, referral, actor).then(() => {}),
  )
}

/** Issues the campaign's rewards for a referral that has just qualified; returns the new ones. */
export async function issueRewardsFor(
  trx: Trx,
  referral: Referral,
  actor: Actor,
): Promise<Reward[]> {
  // In an experiment, the referrer's variant's offer (for them and the friend they brought).
  const { campaign, variantRules } = await campaignOfferFor(trx, referral)
  const settings = variantRules
    ? { ...campaign.settings.rewards, rules: variantRules }
    : campaign.settings.rewards
  if (settings.rules.length === 0) return []
  // Qualified by a payment: the rewards wait out the campaign's hold, so a refund can reverse them.
  const holdUntil = holdUntilFor(campaign.settings, actor)
  // The qualifying transaction already updated (and so row-locked) the referrer: concurrent
  // qualifications of one referrer's friends queue here, which keeps the cap and milestones exact.
  const referrer = await trx
    .selectFrom('referrers')
    .select(['converted_count'])
    .where('id', '=', referral.referrerId)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const planned = planRewards(settings.rules, {
    referralId: referral.id,
    referrerId: referral.referrerId,
    referrerParticipantId: referral.referrerParticipantId,
    friendParticipantId: referral.friendParticipantId,
    convertedCount: referrer.converted_count,
  })
  const issued: Reward[] = []
  for (const plan of planned) {
    if (await alreadyIssued(trx, referral.workspaceId, plan.idempotencyKey)) continue
    if (plan.role === 'referrer' && settings.capPerReferrer !== null) {
      const held = await rewardsHeld(trx, referral, plan.participantId)
      if (held >= settings.capPerReferrer) {
        await notIssued(trx, referral, plan, actor, `cap of ${settings.capPerReferrer} reached`)
        continue
      }
    }
    if (plan.rule.cap !== null) {
      const held = await rewardsHeld(trx, referral, plan.participantId, plan.rule.id)
      if (held >= plan.rule.cap) {
        await notIssued(trx, referral, plan, actor, `rule cap of ${plan.rule.cap} reached`)
        continue
      }
    }
    const amount = await amountFor(trx, referral, plan.rule)
    if ('skip' in amount) {
      await notIssued(trx, referral, plan, actor, amount.skip)
      continue
    }
    // A pool code is drawn here; a Stripe promotion code is made when the reward is fulfilled.
    const waitsForCoupon = plan.rule.kind === 'coupon' && plan.rule.couponSource !== 'stripe'
    const approveNow = !settings.manualApproval && !waitsForCoupon && !holdUntil
    const result = await issueReward(trx, {
      workspaceId: referral.workspaceId,
      campaignId: referral.campaignId,
      referralId: referral.id,
      participantId: plan.participantId,
      recipientRole: plan.role,
      kind: plan.rule.kind,
      ...amount,
      description:
        plan.rule.description ??
        (plan.rule.kind === 'coupon' && plan.rule.percentOff !== null
          ? `${plan.rule.percentOff}% off`
          : null),
      idempotencyKey: plan.idempotencyKey,
      initialStatus: approveNow ? 'approved' : 'pending',
      holdUntil,
      actor,
    })
    if (!result.created) continue
    let reward = result.reward
    if (waitsForCoupon) {
      reward = await withCoupon(trx, reward, plan.rule, actor, {
        manualApproval: settings.manualApproval || holdUntil !== null,
      })
    } else if (approveNow) await notifyRewardApproved(trx, reward)
    issued.push(reward)
  }
  return issued
}

async function alreadyIssued(trx: Trx, workspaceId: string, key: string): Promise<boolean> {
  const row = await trx
    .selectFrom('rewards')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The recipient's rewards in this campaign that still count (declined ones free their slot); with
 * a rule id, only that rule's (its id leads every idempotency key planRewards makes for it).
 */
async function rewardsHeld(
  trx: Trx,
  referral: Referral,
  participantId: string,
  ruleId?: string,
): Promise<number> {
  let query = trx
    .selectFrom('rewards')
    .select(sql<number>`count(*)::int`.as('held'))
    .where('workspace_id', '=', referral.workspaceId)
    .where('campaign_id', '=', referral.campaignId)
    .where('participant_id', '=', participantId)
    .where('status', 'not in', VOID_REWARD_STATUSES)
  query = ruleId
    ? query.where('idempotency_key', 'like', `rule:${ruleId.replace(/[\\%_]/g, '\\$&')}:%`)
    : query.where('recipient_role', '=', 'referrer')
  const row = await query.executeTakeFirstOrThrow()
  return row.held
}

type Amount = { amountMinor?: number; currency?: string | null; points?: number } | { skip: string }

async function amountFor(trx: Trx, referral: Referral, rule: RewardRule): Promise<Amount> {
  switch (rule.kind) {
    case 'fixed':
    case 'payout':
      if (rule.amountMinor === null || !rule.currency) return { skip: 'fixed rule without amount' }
      return { amountMinor: rule.amountMinor, currency: rule.currency }
    case 'points':
      if (rule.points === null) return { skip: 'points rule without points' }
      return { points: rule.points }
    case 'coupon':
      if (rule.couponSource === 'stripe')
        return rule.percentOff !== null ? {} : { skip: 'Stripe coupon rule without a discount' }
      return rule.couponPool ? {} : { skip: 'coupon rule without pool' }
    case 'commission':
      return commissionFor(trx, referral, rule)
  }
}

/** percent of the friend's sale value, read from the latest known state of their contact. */
async function commissionFor(trx: Trx, referral: Referral, rule: RewardRule): Promise<Amount> {
  if (rule.percent === null || !rule.saleAttribute || !rule.currency) {
    return { skip: 'commission rule incomplete' }
  }
  const friend = await getParticipant(trx, referral.workspaceId, referral.friendParticipantId)
  const snapshot = friend?.contactId
    ? await latestContactSnapshot(trx, referral.workspaceId, friend.contactId)
    : null
  const name = rule.saleAttribute.replace(/^custom_attributes\./, '')
  const raw = snapshot
    ? (snapshot.customAttributes[name] ?? snapshot.attributes[rule.saleAttribute])
    : undefined
  const saleMinor = saleValueToMinor(raw, rule.currency)
  if (saleMinor === null) return { skip: `no sale value in ${rule.saleAttribute}` }
  return { amountMinor: commissionMinor(saleMinor, rule.percent), currency: rule.currency }
}

async function withCoupon(
  trx: Trx,
  reward: Reward,
  rule: RewardRule,
  actor: Actor,
  settings: { manualApproval: boolean },
): Promise<Reward> {
  const code = await drawCoupon(trx, {
    workspaceId: reward.workspaceId,
    campaignId: reward.campaignId,
    pool: rule.couponPool ?? '',
    rewardId: reward.id,
  })
  if (!code) {
    // Never a crash: the reward waits, visibly, until codes are uploaded and an admin approves it.
    await trx
      .updateTable('rewards')
      .set({ status_reason: COUPON_POOL_EMPTY, updated_at: sql<Date>`now()` })
      .where('id', '=', reward.id)
      .execute()
    return { ...reward, statusReason: COUPON_POOL_EMPTY }
  }
  if (settings.manualApproval) return { ...reward, couponCode: code }
  const approved = await decideRewardIn(trx, {
    workspaceId: reward.workspaceId,
    rewardId: reward.id,
    to: 'approved',
    actor,
  })
  await notifyRewardApproved(trx, approved.reward)
  return approved.reward
}

async function notIssued(
  trx: Trx,
  referral: Referral,
  plan: PlannedReward,
  actor: Actor,
  reason: string,
): Promise<void> {
  await recordEvent(trx, {
    workspaceId: referral.workspaceId,
    type: 'reward.not_issued',
    subject: { type: 'referral', id: referral.id },
    actor,
    data: { ruleId: plan.rule.id, role: plan.role, key: plan.idempotencyKey, reason },
  })
}
