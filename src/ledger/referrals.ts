import { sql } from 'kysely'
import type { Db, Trx } from './db-types.js'
import { getCampaign } from './campaigns.js'
import { markContactsChanged } from './contact-changes.js'
import { tryNormalizeEmail } from './emails.js'
import {
  InvalidTransitionError,
  NotFoundError,
  ReferralLoopError,
  SelfReferralError,
  UnknownCodeError,
} from './errors.js'
import { recordEvent } from './events.js'
import { listen, listenerChannel, listenersOf } from './listeners.js'
import { toReferral } from './mappers.js'
import { ensureParticipant } from './participants.js'
import { enrolReferrer, getReferrer, referrerOfParticipant, resolveCode } from './referrers.js'
import { closesLoop, selfReferralViolation } from './rules.js'
import { fraudReviewReason } from './fraud/review-reason.js'
import { blockedReviewReason } from './referrer-blocks.js'
import { isUuid } from './campaigns.js'
import type {
  Actor,
  Participant,
  PersonInput,
  Referral,
  ReferralSource,
  Referrer,
} from './types.js'

export type ReferrerRef =
  { readonly code: string } | { readonly referrerId: string } | { readonly person: PersonInput }

export interface AttributeReferralInput {
  readonly workspaceId: string
  readonly campaignId?: string | null
  readonly referrer: ReferrerRef
  readonly friend: PersonInput
  readonly source: ReferralSource
  readonly actor: Actor
  /** Why the referral should wait for a person's review (set by fraud checks), if at all. */
  readonly reviewReason?: string | null
  readonly emailPolicy?: 'strict' | 'lenient'
}

export interface AttributionResult {
  readonly referral: Referral
  /** false when the friend was already attributed in this campaign: the attempt is recorded, not counted. */
  readonly created: boolean
  readonly referrer: Referrer
  readonly friend: Participant
}

export type CreatedListener = (trx: Trx, result: AttributionResult, actor: Actor) => Promise<void>
const REFERRAL_CREATED = listenerChannel<CreatedListener>('referral created')

/** Intercom friend creation subscribes here; listeners run inside the attributing transaction. */
export function onReferralCreated(db: Db, listener: CreatedListener): () => void {
  return listen(db, REFERRAL_CREATED, listener)
}

export type QualifiedListener = (trx: Trx, referral: Referral, actor: Actor) => Promise<void>
const REFERRAL_QUALIFIED = listenerChannel<QualifiedListener>('referral qualified')

/** Rewards subscribe here; listeners run inside the transaction that qualifies the referral. */
export function onReferralQualified(db: Db, listener: QualifiedListener): () => void {
  return listen(db, REFERRAL_QUALIFIED, listener)
}

/**
 * Attributes a friend to a referrer: one transaction covering the rules (no self-referral, no loops,
 * first attribution wins), the referral row, the referrer's counters and the event.
 */
export async function attributeReferral(
  db: Db,
  input: AttributeReferralInput,
): Promise<AttributionResult> {
  const campaign = await getCampaign(db, input.workspaceId, input.campaignId)
  return db.transaction().execute(async (trx) => {
    const referrer = await resolveReferrer(trx, input, campaign.id, campaign.settings.codeStyle)
    const { participant: friend } = await ensureParticipant(trx, input.workspaceId, input.friend, {
      emailPolicy: input.emailPolicy ?? 'strict',
    })
    const referrerParticipant = await trx
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', referrer.participantId)
      .executeTakeFirstOrThrow()

    const violation = selfReferralViolation(
      {
        participantId: referrerParticipant.id,
        contactId: referrerParticipant.contact_id,
        email: tryNormalizeEmail(referrerParticipant.email_normalized),
      },
      {
        participantId: friend.id,
        contactId: friend.contactId,
        email: tryNormalizeEmail(friend.emailNormalized),
      },
    )
    if (violation) throw new SelfReferralError()

    // Both people locked in a fixed order: concurrent A→B and B→A cannot both pass the loop check.
    await trx
      .selectFrom('participants')
      .select('id')
      .where('id', 'in', [referrer.participantId, friend.id].sort())
      .orderBy('id')
      .forUpdate()
      .execute()
    if (
      closesLoop(
        friend.id,
        await ancestorsOf(trx, input.workspaceId, campaign.id, referrer.participantId),
      )
    ) {
      throw new ReferralLoopError()
    }
    // Fraud checks decide review only when the caller did not (both people are locked by now);
    // a referrer an agent blocked has every new referral held, whatever else applies.
    const blocked = await blockedReviewReason(trx, referrer.id)
    const checked =
      input.reviewReason ??
      (await fraudReviewReason(trx, {
        workspaceId: input.workspaceId,
        referrerId: referrer.id,
        fraud: campaign.settings.fraud,
        referrer: { email: referrerParticipant.email_normalized, name: referrerParticipant.name },
        friend: { email: friend.emailNormalized, name: friend.name },
      }))
    const reviewReason = [blocked, checked].filter(Boolean).join('; ') || null

    const inserted = await trx
      .insertInto('referrals')
      .values({
        workspace_id: input.workspaceId,
        campaign_id: campaign.id,
        referrer_id: referrer.id,
        referrer_participant_id: referrer.participantId,
        friend_participant_id: friend.id,
        code_id: 'codeId' in referrer ? referrer.codeId : null,
        source: input.source,
        review_reason: reviewReason,
      })
      .onConflict((oc) => oc.columns(['campaign_id', 'friend_participant_id']).doNothing())
      .returningAll()
      .executeTakeFirst()

    if (!inserted) {
      const existing = await trx
        .selectFrom('referrals')
        .selectAll()
        .where('campaign_id', '=', campaign.id)
        .where('friend_participant_id', '=', friend.id)
        .executeTakeFirstOrThrow()
      await recordEvent(trx, {
        workspaceId: input.workspaceId,
        type: 'referral.attribution_ignored',
        subject: { type: 'referral', id: existing.id },
        actor: input.actor,
        data: {
          attemptedReferrerId: referrer.id,
          source: input.source,
          reason: 'already_attributed',
        },
      })
      return { referral: toReferral(existing), created: false, referrer: referrer.value, friend }
    }

    const counted = await trx
      .updateTable('referrers')
      .set((eb) => ({
        referral_count: eb('referral_count', '+', 1),
        pending_count: eb('pending_count', '+', 1),
        last_referral_at: sql<Date>`now()`,
      }))
      .where('id', '=', referrer.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referral.created',
      subject: { type: 'referral', id: inserted.id },
      actor: input.actor,
      data: {
        referrerId: referrer.id,
        friendParticipantId: friend.id,
        source: input.source,
        reviewReason,
      },
    })
    await markContactsChanged(trx, input.workspaceId, [referrer.participantId, friend.id])
    const result: AttributionResult = {
      referral: toReferral(inserted),
      created: true,
      referrer: {
        ...referrer.value,
        referralCount: counted.referral_count,
        pendingCount: counted.pending_count,
        lastReferralAt: counted.last_referral_at,
      },
      friend,
    }
    for (const listener of listenersOf(trx, REFERRAL_CREATED))
      await listener(trx, result, input.actor)
    return result
  })
}

type ResolvedReferrer = { id: string; participantId: string; value: Referrer; codeId?: string }

async function resolveReferrer(
  trx: Trx,
  input: AttributeReferralInput,
  campaignId: string,
  codeStyle: 'name' | 'random',
): Promise<ResolvedReferrer> {
  const ref = input.referrer
  if ('code' in ref) {
    const resolved = await resolveCode(trx, input.workspaceId, ref.code)
    if (!resolved || resolved.referrer.campaignId !== campaignId)
      throw new UnknownCodeError(ref.code)
    return {
      id: resolved.referrer.id,
      participantId: resolved.referrer.participantId,
      value: resolved.referrer,
      codeId: resolved.codeId,
    }
  }
  if ('referrerId' in ref) {
    const referrer = isUuid(ref.referrerId)
      ? await getReferrer(trx, input.workspaceId, ref.referrerId)
      : null
    if (!referrer || referrer.campaignId !== campaignId) throw new NotFoundError('That referrer')
    return { id: referrer.id, participantId: referrer.participantId, value: referrer }
  }
  const { participant } = await ensureParticipant(trx, input.workspaceId, ref.person, {
    emailPolicy: input.emailPolicy ?? 'strict',
  })
  const referrer =
    (await referrerOfParticipant(trx, input.workspaceId, campaignId, participant.id)) ??
    (await enrolReferrer(trx, {
      workspaceId: input.workspaceId,
      campaignId,
      participant,
      codeStyle,
      source: input.source,
      actor: input.actor,
    }))
  return { id: referrer.id, participantId: referrer.participantId, value: referrer }
}

/** Who referred this person, who referred them, and so on (bounded, for the loop rule). */
async function ancestorsOf(
  trx: Trx,
  workspaceId: string,
  campaignId: string,
  participantId: string,
): Promise<string[]> {
  const result = await sql<{ participant_id: string }>`
    with recursive chain(participant_id, depth) as (
      select referrer_participant_id, 1 from referrals
       where workspace_id = ${workspaceId} and campaign_id = ${campaignId} and friend_participant_id = ${participantId}
      union
      select r.referrer_participant_id, chain.depth + 1 from referrals r
        join chain on r.friend_participant_id = chain.participant_id
       where r.workspace_id = ${workspaceId} and r.campaign_id = ${campaignId} and chain.depth < 64
    )
    select participant_id from chain`.execute(trx)
  return result.rows.map((row) => row.participant_id)
}

export interface DecisionInput {
  readonly workspaceId: string
  readonly referralId: string
  readonly actor: Actor
  readonly reason?: string | null
}

export interface DecisionResult {
  readonly referral: Referral
  /** false when the referral already had that status: nothing was counted again. */
  readonly changed: boolean
  /** true when a referral under fraud review was left pending for a person to decide. */
  readonly heldForReview?: boolean
}

// Only a person (or their API key) may clear a fraud review; automatic paths are held.
const REVIEWERS: ReadonlySet<Actor['type']> = new Set(['admin', 'api', 'operator'])

/** pending (or rejected, on an admin's second thought) → qualified; counters move in the same transaction. */
export async function qualifyReferral(db: Db, input: DecisionInput): Promise<DecisionResult> {
  return db.transaction().execute((trx) => qualifyReferralIn(trx, input))
}

export async function qualifyReferralIn(trx: Trx, input: DecisionInput): Promise<DecisionResult> {
  const direct = await qualifyPendingDirectly(trx, input)
  if (direct) return announceQualified(trx, direct, input.actor)
  const row = await lockReferral(trx, input.workspaceId, input.referralId)
  if (row.status === 'qualified') return { referral: toReferral(row), changed: false }
  if (row.review_reason && !REVIEWERS.has(input.actor.type)) {
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referral.held_for_review',
      subject: { type: 'referral', id: row.id },
      actor: input.actor,
      data: { reviewReason: row.review_reason, reason: input.reason ?? null },
    })
    return { referral: toReferral(row), changed: false, heldForReview: true }
  }
  const updated = await settleReferral(
    trx,
    input,
    row,
    'qualified',
    { status_reason: input.reason ?? null, qualified_at: sql<Date>`now()`, review_reason: null },
    { from: row.status, reason: input.reason ?? null, clearedReview: row.review_reason },
  )
  return announceQualified(trx, updated, input.actor)
}

/** A referral that has just qualified, to the listeners (rewards, contests...) inside the transaction. */
async function announceQualified(
  trx: Trx,
  updated: LockedReferral,
  actor: Actor,
): Promise<DecisionResult> {
  const referral = toReferral(updated)
  for (const listener of listenersOf(trx, REFERRAL_QUALIFIED)) await listener(trx, referral, actor)
  return { referral, changed: true }
}

/**
 * The usual qualification in one statement instead of a lock and an update: a pending referral
 * that is under no review. Null when the referral is anything else (qualifyReferralIn then locks
 * it and decides); a concurrent qualification waits on the row and then finds it no longer pending.
 */
async function qualifyPendingDirectly(
  trx: Trx,
  input: DecisionInput,
): Promise<LockedReferral | null> {
  if (!isUuid(input.referralId)) return null
  const updated = await trx
    .updateTable('referrals')
    .set({
      status: 'qualified',
      status_reason: input.reason ?? null,
      qualified_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.referralId)
    .where('status', '=', 'pending')
    .where('review_reason', 'is', null)
    .returningAll()
    .executeTakeFirst()
  if (!updated) return null
  await recordSettlement(trx, input, { ...updated, status: 'pending' }, 'qualified', {
    from: 'pending',
    reason: input.reason ?? null,
    clearedReview: null,
  })
  return updated
}

/** pending or qualified → rejected, with a reason; a qualified one leaves the converted count. */
export async function rejectReferral(
  db: Db,
  input: DecisionInput & { reason: string },
): Promise<DecisionResult> {
  const reason = input.reason.trim()
  if (!reason) throw new InvalidTransitionError('A rejection needs a reason.')
  return db.transaction().execute(async (trx) => {
    const row = await lockReferral(trx, input.workspaceId, input.referralId)
    if (row.status === 'rejected') return { referral: toReferral(row), changed: false }
    const updated = await settleReferral(
      trx,
      input,
      row,
      'rejected',
      { status_reason: reason, rejected_at: sql<Date>`now()` },
      { from: row.status, reason },
    )
    return { referral: toReferral(updated), changed: true }
  })
}

type LockedReferral = Awaited<ReturnType<typeof lockReferral>>

/** The referrer's counter for each settled status. */
const SETTLED_COUNTER = { qualified: 'converted_count', rejected: 'rejected_count' } as const

/**
 * Qualifying and rejecting move a referral the same way: the row, the referrer's counters (the
 * one it leaves goes down, the one it reaches goes up), the ledger event and the contacts to
 * write back. The caller has locked the row and knows it is not already `to`.
 */
async function settleReferral(
  trx: Trx,
  input: DecisionInput,
  row: LockedReferral,
  to: 'qualified' | 'rejected',
  changes: {
    status_reason: string | null
    qualified_at?: ReturnType<typeof sql<Date>>
    rejected_at?: ReturnType<typeof sql<Date>>
    review_reason?: null
  },
  data: Record<string, unknown>,
) {
  const updated = await trx
    .updateTable('referrals')
    .set({ status: to, ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordSettlement(trx, input, row, to, data)
  return updated
}

/**
 * What follows a referral's move from `row.status` to `to`: the referrer's counters (the one it
 * leaves goes down, the one it reaches goes up), the ledger event and the contacts to write back.
 */
async function recordSettlement(
  trx: Trx,
  input: DecisionInput,
  row: Pick<
    LockedReferral,
    'id' | 'status' | 'referrer_id' | 'referrer_participant_id' | 'friend_participant_id'
  >,
  to: 'qualified' | 'rejected',
  data: Record<string, unknown>,
): Promise<void> {
  const reached = SETTLED_COUNTER[to]
  const left =
    row.status === 'pending'
      ? 'pending_count'
      : SETTLED_COUNTER[to === 'qualified' ? 'rejected' : 'qualified']
  await trx
    .updateTable('referrers')
    .set((eb) => ({ [reached]: eb(reached, '+', 1), [left]: eb(left, '-', 1) }))
    .where('id', '=', row.referrer_id)
    .execute()
  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: `referral.${to}`,
    subject: { type: 'referral', id: row.id },
    actor: input.actor,
    data,
  })
  await markContactsChanged(trx, input.workspaceId, [
    row.referrer_participant_id,
    row.friend_participant_id,
  ])
}

async function lockReferral(trx: Trx, workspaceId: string, referralId: string) {
  if (!isUuid(referralId)) throw new NotFoundError('That referral')
  const row = await trx
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', referralId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That referral')
  return row
}

export async function getReferral(
  db: Db,
  workspaceId: string,
  referralId: string,
): Promise<Referral | null> {
  if (!isUuid(referralId)) return null
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', referralId)
    .executeTakeFirst()
  return row ? toReferral(row) : null
}

/** The referral that brought this person into the campaign, if any. */
export async function referralOfFriend(
  db: Db,
  workspaceId: string,
  campaignId: string,
  participantId: string,
): Promise<Referral | null> {
  const row = await db
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('friend_participant_id', '=', participantId)
    .executeTakeFirst()
  return row ? toReferral(row) : null
}
