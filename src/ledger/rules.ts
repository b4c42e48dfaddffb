import type { NormalizedEmail } from './emails.js'

export interface PartyIdentity {
  readonly participantId: string
  readonly contactId: string | null
  readonly email: NormalizedEmail | null
}

export type RuleViolation = 'self_referral'

/** Pure: is referrer → friend a self-referral by id, contact, email, or +alias of the same mailbox? */
export function selfReferralViolation(
  referrer: PartyIdentity,
  friend: PartyIdentity,
): RuleViolation | null {
  if (referrer.participantId === friend.participantId) return 'self_referral'
  if (referrer.contactId && referrer.contactId === friend.contactId) return 'self_referral'
  if (referrer.email && friend.email) {
    if (referrer.email.normalized === friend.email.normalized) return 'self_referral'
    if (referrer.email.base === friend.email.base) return 'self_referral'
  }
  return null
}

/** Pure: would referrer → friend close a circle, given the referrer's chain of ancestors? */
export function closesLoop(
  friendParticipantId: string,
  referrerAncestors: readonly string[],
): boolean {
  return referrerAncestors.includes(friendParticipantId)
}
