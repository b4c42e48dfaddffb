import { sql } from 'kysely'
import type { RewardRow, RewardStatus } from '../../db/tables/rewards.js'
import { isUuid } from './campaigns.js'
import type { Db, Trx } from './db-types.js'
import { InvalidTransitionError, NotFoundError } from './errors.js'
import { recordEvent } from './events.js'
import type { Actor } from './types.js'

export type RewardKind = 'fixed' | 'points' | 'coupon' | 'commission' | 'manual' | 'payout'

export interface Reward {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly referralId: string | null
  readonly participantId: string
  readonly recipientRole: 'referrer' | 'friend'
  readonly kind: string
  readonly amountMinor: number | null
  readonly currency: string | null
  readonly points: number | null
  readonly couponCode: string | null
  readonly description: string | null
  readonly status: RewardStatus
  readonly statusReason: string | null
  readonly createdAt: Date
  readonly approvedAt: Date | null
  readonly fulfilledAt: Date | null
  readonly declinedAt: Date | null
  readonly reversedAt: Date | null
  /** Earned from a payment: cannot be approved or fulfilled before this (refunds may reverse it). */
  readonly holdUntil: Date | null
}

export function toReward(row: RewardRow): Reward {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    referralId: row.referral_id,
    participantId: row.participant_id,
    recipientRole: row.recipient_role,
    kind: row.kind,
    amountMinor: row.amount_minor,
    currency: row.currency,
    points: row.points,
    couponCode: row.coupon_code,
    description: row.description,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    approvedAt: row.approved_at,
    fulfilledAt: row.fulfilled_at,
    declinedAt: row.declined_at,
    reversedAt: row.reversed_at,
    holdUntil: row.hold_until ?? null,
  }
}

export interface IssueRewardInput {
  readonly workspaceId: string
  readonly campaignId: string
  readonly referralId?: string | null
  readonly participantId: string
  readonly recipientRole: 'referrer' | 'friend'
  readonly kind: RewardKind
  readonly amountMinor?: number | null
  readonly currency?: string | null
  readonly points?: number | null
  readonly couponCode?: string | null
  readonly description?: string | null
  /** The same key never issues twice: e.g. `rule:<ruleId>:referral:<id>:referrer`. */
  readonly idempotencyKey: string
  /** pending waits for an admin's approval; approved is ready to fulfil. */
  readonly initialStatus?: 'pending' | 'approved'
  /** A pending reward earned from a payment waits until then (see reward-hold.ts). */
  readonly holdUntil?: Date | null
  readonly actor: Actor
}

export interface IssuedReward {
  readonly reward: Reward
  /** false when a reward with this idempotency key already existed: nothing was issued again. */
  readonly created: boolean
}

/** Issues a reward exactly once per idempotency key, inside the caller's transaction. */
export async function issueReward(trx: Trx, input: IssueRewardInput): Promise<IssuedReward> {
  const status = input.initialStatus ?? 'pending'
  const inserted = await trx
    .insertInto('rewards')
    .values({
      workspace_id: input.workspaceId,
      campaign_id: input.campaignId,
      referral_id: input.referralId ?? null,
      participant_id: input.participantId,
      recipient_role: input.recipientRole,
      kind: input.kind,
      amount_minor: input.amountMinor ?? null,
      currency: input.currency ?? null,
      points: input.points ?? null,
      coupon_code: input.couponCode ?? null,
      description: input.description ?? null,
      status,
      idempotency_key: input.idempotencyKey,
      approved_at: status === 'approved' ? sql<Date>`now()` : null,
      hold_until: input.holdUntil ?? null,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!inserted) {
    const existing = await trx
      .selectFrom('rewards')
      .selectAll()
      .where('workspace_id', '=', input.workspaceId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirstOrThrow()
    return { reward: toReward(existing), created: false }
  }
  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: 'reward.issued',
    subject: { type: 'reward', id: inserted.id },
    actor: input.actor,
    data: {
      kind: input.kind,
      recipientRole: input.recipientRole,
      referralId: input.referralId ?? null,
      status,
    },
  })
  return { reward: toReward(inserted), created: true }
}

// reversed: a reward taken back after it was issued (refund, lost dispute, an agent voiding it).
// Whether a fulfilled reward may be reversed is the caller's policy; the ledger allows it.
const TRANSITIONS: Record<RewardStatus, readonly RewardStatus[]> = {
  pending: ['approved', 'declined', 'reversed'],
  approved: ['fulfilled', 'declined', 'reversed'],
  fulfilled: ['reversed'],
  declined: [],
  reversed: [],
}

/** Statuses whose rewards no longer count towards totals, caps or analytics. */
export const VOID_REWARD_STATUSES = ['declined', 'reversed'] as const

export type RewardDecision = 'approved' | 'fulfilled' | 'declined' | 'reversed'

/** A decision on one reward of a workspace, by whom and (when it needs one) why. */
export interface RewardDecisionInput {
  workspaceId: string
  rewardId: string
  to: RewardDecision
  reason?: string | null
  actor: Actor
}

/**
 * pending → approved → fulfilled, or → declined; issued rewards → reversed (recorded as a
 * `reward.reversed` event with the reason). Repeating the current status changes nothing.
 */
export async function decideReward(
  db: Db,
  input: RewardDecisionInput,
): Promise<{ reward: Reward; changed: boolean }> {
  return db.transaction().execute((trx) => decideRewardIn(trx, input))
}

/** A reward of this workspace, row-locked for a decision; another workspace's id is not found. */
export async function lockReward(
  trx: Trx,
  workspaceId: string,
  rewardId: string,
): Promise<RewardRow> {
  if (!isUuid(rewardId)) throw new NotFoundError('That reward')
  const row = await rewardForUpdate(trx, workspaceId, rewardId)
  if (!row) throw new NotFoundError('That reward')
  return row
}

/** A reward of this workspace, row-locked, or undefined; for callers that skip a missing one. */
export async function rewardForUpdate(
  trx: Trx,
  workspaceId: string,
  rewardId: string,
): Promise<RewardRow | undefined> {
  return trx
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', rewardId)
    .forUpdate()
    .executeTakeFirst()
}

export async function decideRewardIn(
  trx: Trx,
  input: RewardDecisionInput,
): Promise<{ reward: Reward; changed: boolean }> {
  const row = await lockReward(trx, input.workspaceId, input.rewardId)
  if (row.status === input.to) return { reward: toReward(row), changed: false }
  if (!TRANSITIONS[row.status].includes(input.to)) {
    throw new InvalidTransitionError(`A ${row.status} reward cannot become ${input.to}.`)
  }
  const stamp = {
    approved: 'approved_at',
    fulfilled: 'fulfilled_at',
    declined: 'declined_at',
    reversed: 'reversed_at',
  } as const
  const updated = await trx
    .updateTable('rewards')
    .set({
      status: input.to,
      status_reason: input.reason ?? row.status_reason,
      [stamp[input.to]]: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: `reward.${input.to}`,
    subject: { type: 'reward', id: row.id },
    actor: input.actor,
    data: { from: row.status, reason: input.reason ?? null },
  })
  return { reward: toReward(updated), changed: true }
}

export async function rewardsOfParticipant(
  db: Db,
  workspaceId: string,
  participantId: string,
  limit = 20,
): Promise<Reward[]> {
  const rows = await db
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toReward)
}
