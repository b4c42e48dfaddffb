import { sql } from 'kysely'
import { type ContactItem, contactState } from '../intercom/webhook-payload.js'
import type { Trx } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import {
  ensureParticipant,
  findParticipantByContact,
  findParticipantByEmail,
} from '../ledger/participants.js'
import { evaluateQualification } from '../ledger/qualification.js'
import { qualifyReferralIn } from '../ledger/referrals.js'
import type { Actor, Campaign } from '../ledger/types.js'

/**
 * A contact whose email matches a person the app knows only by email (an invited friend) gets
 * linked to that person, so qualification finds them by contact id from now on.
 */
export async function linkInvitedContact(
  trx: Trx,
  workspaceId: string,
  item: ContactItem,
  actor: Actor,
): Promise<boolean> {
  if (!item.email || (await findParticipantByContact(trx, workspaceId, item.id))) return false
  const invited = await findParticipantByEmail(trx, workspaceId, item.email)
  if (!invited || invited.contactId) return false
  const { participant } = await ensureParticipant(
    trx,
    workspaceId,
    { contactId: item.id, email: item.email, name: item.name ?? null },
    { emailPolicy: 'lenient' },
  )
  if (participant.id !== invited.id || participant.contactId !== item.id) return false
  await recordEvent(trx, {
    workspaceId,
    type: 'participant.contact_linked',
    subject: { type: 'participant', id: participant.id },
    actor,
    data: { contactId: item.id },
  })
  return true
}

export interface QualifyOutcome {
  readonly referralId: string
  readonly result: 'qualified' | 'not_yet' | 'held_for_review'
  readonly reason: string
}

/** A friend's referral still waiting for its campaign's rule. */
export interface PendingReferral {
  readonly id: string
  readonly campaign_id: string
}

/** Qualifies the contact's pending referrals whose campaign rule the contact now meets. */
export async function qualifyFromContact(trx: Trx, input: QualifyInput): Promise<QualifyOutcome[]> {
  const friend = await findParticipantByContact(trx, input.workspaceId, input.item.id)
  if (!friend) return []
  const pending = await pendingReferralsOf(trx, input.workspaceId, [friend.id])
  return qualifyPendingReferrals(trx, input, pending.get(friend.id) ?? [])
}

interface QualifyInput {
  workspaceId: string
  campaigns: readonly Campaign[]
  item: ContactItem
  topic: string
  actor: Actor
}

/** The pending referrals of several friends (participant ids) in one statement, by friend. */
export async function pendingReferralsOf(
  trx: Trx,
  workspaceId: string,
  friendIds: readonly string[],
): Promise<Map<string, PendingReferral[]>> {
  const byFriend = new Map<string, PendingReferral[]>()
  const unique = [...new Set(friendIds)]
  if (unique.length === 0) return byFriend
  const rows = await trx
    .selectFrom('referrals')
    .select(['id', 'campaign_id', 'friend_participant_id'])
    .where('workspace_id', '=', workspaceId)
    // An array parameter, not a list: one statement text whatever the number (prepared once).
    .where(sql<boolean>`friend_participant_id = any(${unique}::uuid[])`)
    .where('status', '=', 'pending')
    .execute()
  for (const row of rows) {
    const list = byFriend.get(row.friend_participant_id)
    const referral = { id: row.id, campaign_id: row.campaign_id }
    if (list) list.push(referral)
    else byFriend.set(row.friend_participant_id, [referral])
  }
  return byFriend
}

/**
 * Qualifies those of a friend's pending referrals whose campaign rule the contact now meets. The
 * outcomes name every one looked at; one that qualified is no longer pending (held ones still are).
 */
export async function qualifyPendingReferrals(
  trx: Trx,
  input: QualifyInput,
  pending: readonly PendingReferral[],
): Promise<QualifyOutcome[]> {
  const state = contactState(input.item)
  const outcomes: QualifyOutcome[] = []
  for (const referral of pending) {
    const campaign = input.campaigns.find((candidate) => candidate.id === referral.campaign_id)
    if (!campaign) continue
    const verdict = evaluateQualification(campaign.settings.qualification, state, input.topic)
    if (!verdict.qualifies) {
      outcomes.push({ referralId: referral.id, result: 'not_yet', reason: verdict.reason })
      continue
    }
    // The ledger holds a referral under fraud review: a rule match never bypasses a person.
    const decided = await qualifyReferralIn(trx, {
      workspaceId: input.workspaceId,
      referralId: referral.id,
      actor: input.actor,
      reason: verdict.reason,
    })
    outcomes.push({
      referralId: referral.id,
      result: decided.heldForReview ? 'held_for_review' : 'qualified',
      reason: verdict.reason,
    })
  }
  return outcomes
}
