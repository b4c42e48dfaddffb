import type { ContactItem } from '../intercom/webhook-payload.js'
import type { Db } from '../ledger/db-types.js'
import { LedgerError } from '../ledger/errors.js'
import { findParticipantByContact, findParticipantByEmail } from '../ledger/participants.js'
import { attributeReferral, referralOfFriend } from '../ledger/referrals.js'
import { resolveCode } from '../ledger/referrers.js'
import type { Actor } from '../ledger/types.js'

export interface AttributionOutcome {
  readonly code: string
  readonly result: 'attributed' | 'already_attributed' | 'unknown_code' | string
  readonly referralId?: string
}

/**
 * A contact carrying `referred_by_code` becomes that referrer's friend, through the same ledger
 * rules as every other path. A friend already attributed to that referrer is left alone (that is
 * also what the app's own write of `referred_by_code` looks like when it comes back).
 */
export async function attributeFromContact(
  db: Db,
  input: { workspaceId: string; code: string; item: ContactItem; actor: Actor },
): Promise<AttributionOutcome> {
  const { workspaceId, code, item } = input
  const resolved = await resolveCode(db, workspaceId, code)
  if (!resolved) return { code, result: 'unknown_code' }
  const campaignId = resolved.referrer.campaignId
  // The friend may be known by contact id, or (invited, then created in Intercom) by email only.
  const byEmail = item.email ? await findParticipantByEmail(db, workspaceId, item.email) : null
  const known =
    (await findParticipantByContact(db, workspaceId, item.id)) ??
    (byEmail && !byEmail.contactId ? byEmail : null)
  const existing = known ? await referralOfFriend(db, workspaceId, campaignId, known.id) : null
  if (existing && existing.referrerId === resolved.referrer.id) {
    return { code, result: 'already_attributed', referralId: existing.id }
  }
  try {
    const result = await attributeReferral(db, {
      workspaceId,
      campaignId,
      referrer: { code },
      friend: { contactId: item.id, email: item.email ?? null, name: item.name ?? null },
      source: 'link',
      actor: input.actor,
      emailPolicy: 'lenient',
    })
    return {
      code,
      result: result.created ? 'attributed' : 'already_attributed',
      referralId: result.referral.id,
    }
  } catch (error) {
    // A rule said no (self-referral, loop, …): recorded as the outcome, never retried.
    if (error instanceof LedgerError) return { code, result: error.code }
    throw error
  }
}
