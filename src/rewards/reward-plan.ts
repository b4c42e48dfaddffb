import type { RewardRule } from '../ledger/campaign-settings.js'

export interface PlannedReward {
  readonly rule: RewardRule
  readonly role: 'referrer' | 'friend'
  readonly participantId: string
  /** The same key never issues twice, so re-qualifying a referral or redelivering is harmless. */
  readonly idempotencyKey: string
}

export interface QualifiedFacts {
  readonly referralId: string
  readonly referrerId: string
  readonly referrerParticipantId: string
  readonly friendParticipantId: string
  /** The referrer's qualified referrals in the campaign, this one included. */
  readonly convertedCount: number
}

/**
 * Pure: the rewards a rule asks for when one referral qualifies. A per-referral rule rewards the
 * referrer, the friend or both; a milestone rule rewards the referrer once, when their qualified
 * count first reaches N (at or past N, so a rule added later still pays at the next conversion).
 */
export function planRewards(rules: readonly RewardRule[], facts: QualifiedFacts): PlannedReward[] {
  const planned: PlannedReward[] = []
  for (const rule of rules) {
    if (rule.milestone !== null) {
      if (facts.convertedCount >= rule.milestone) {
        planned.push({
          rule,
          role: 'referrer',
          participantId: facts.referrerParticipantId,
          idempotencyKey: `rule:${rule.id}:milestone:${rule.milestone}:referrer:${facts.referrerId}`,
        })
      }
      continue
    }
    const roles: Array<'referrer' | 'friend'> =
      rule.recipient === 'both' ? ['referrer', 'friend'] : [rule.recipient]
    for (const role of roles) {
      planned.push({
        rule,
        role,
        participantId:
          role === 'referrer' ? facts.referrerParticipantId : facts.friendParticipantId,
        idempotencyKey: `rule:${rule.id}:referral:${facts.referralId}:${role}`,
      })
    }
  }
  return planned
}

/** The rule id inside an idempotency key made by planRewards, or null for other keys. */
export function ruleIdOfKey(key: string): string | null {
  return /^rule:(.+?):(?:referral|milestone):/.exec(key)?.[1] ?? null
}
