import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import { getCampaign } from '../ledger/campaigns.js'
import type { Trx } from '../ledger/db-types.js'
import { InvalidTransitionError } from '../ledger/errors.js'
import { recordEvent } from '../ledger/events.js'
import { approveRewardIn } from '../rewards/reward-approval.js'
import { rewardForUpdate } from '../ledger/rewards.js'
import { chargesOfInvoice } from './invoice-links.js'

const RELEASER = { type: 'system', id: 'billing-hold' } as const

/**
 * Ends the hold of every payment-earned reward whose hold has passed by `now`: approved (and so
 * queued for fulfilment) unless the campaign wants a person to approve it. A reward whose payment
 * is under an open dispute stays on hold until the dispute closes.
 */
export async function releaseHeldRewards(
  ctx: Pick<AppContext, 'db'>,
  now: Date = new Date(),
): Promise<number> {
  const due = await ctx.db
    .selectFrom('rewards')
    .select(['id', 'workspace_id'])
    .where('status', '=', 'pending')
    .where('hold_until', '<=', now)
    .orderBy('hold_until')
    .limit(500)
    .execute()
  let released = 0
  for (const reward of due) {
    const done = await ctx.db
      .transaction()
      .execute((trx) => releaseOne(trx, reward.workspace_id, reward.id, now))
    if (done) released++
  }
  return released
}

async function releaseOne(
  trx: Trx,
  workspaceId: string,
  rewardId: string,
  now: Date,
): Promise<boolean> {
  const row = await rewardForUpdate(trx, workspaceId, rewardId)
  if (!row || row.status !== 'pending' || !row.hold_until || row.hold_until > now) return false
  if (await underOpenDispute(trx, workspaceId, row.id, row.referral_id)) return false
  await trx
    .updateTable('rewards')
    .set({ hold_until: null, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .execute()
  await recordEvent(trx, {
    workspaceId,
    type: 'reward.hold_ended',
    subject: { type: 'reward', id: row.id },
    actor: RELEASER,
    data: { heldUntil: row.hold_until.toISOString() },
  })
  const campaign = await getCampaign(trx, workspaceId, row.campaign_id)
  if (campaign.settings.rewards.manualApproval) return true
  // A referral under fraud review, or rejected meanwhile, leaves its rewards for a person to decide.
  if (row.referral_id) {
    const referral = await trx
      .selectFrom('referrals')
      .select(['status', 'review_reason'])
      .where('id', '=', row.referral_id)
      .executeTakeFirst()
    if (referral && (referral.review_reason || referral.status === 'rejected')) return true
  }
  try {
    await approveRewardIn(trx, { workspaceId, rewardId: row.id, actor: RELEASER })
  } catch (error) {
    // An empty coupon pool: the reward waits, visibly, for an admin as any coupon reward does.
    if (!(error instanceof InvalidTransitionError)) throw error
  }
  return true
}

async function underOpenDispute(
  trx: Trx,
  workspaceId: string,
  rewardId: string,
  referralId: string | null,
): Promise<boolean> {
  const invoices = await trx
    .selectFrom('billing_invoices')
    .select(['invoice_id', 'charge_id', 'payment_intent_id'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('commission_reward_id', '=', rewardId),
        ...(referralId
          ? [eb.and([eb('referral_id', '=', referralId), eb('qualified_referral', '=', true)])]
          : []),
      ]),
    )
    .execute()
  for (const invoice of invoices) {
    const open = await trx
      .selectFrom('billing_charges')
      .select('charge_id')
      .where('workspace_id', '=', workspaceId)
      .where('dispute_status', '=', 'open')
      .where(chargesOfInvoice(invoice))
      .executeTakeFirst()
    if (open) return true
  }
  return false
}
