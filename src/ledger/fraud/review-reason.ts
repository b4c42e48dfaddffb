import type { CampaignSettings } from '../campaign-settings.js'
import type { Trx } from '../db-types.js'
import { emailDomain, tryNormalizeEmail } from '../emails.js'
import { blocklistMatch } from './blocklist.js'
import { isDisposableDomain } from './disposable-domains.js'
import { selfReferralSignal } from './self-referral-signals.js'
import { recentReferralCount } from './velocity.js'

export interface FraudCheckInput {
  readonly workspaceId: string
  readonly referrerId: string
  readonly fraud: CampaignSettings['fraud']
  readonly referrer: { readonly email: string | null; readonly name: string | null }
  readonly friend: { readonly email: string | null; readonly name: string | null }
}

/**
 * Why a new referral should wait for a person's review, or null. Runs inside the attributing
 * transaction, after both people are row-locked, so the hourly count sees every committed
 * referral of this referrer. Every matching reason is kept, joined with "; ".
 */
export async function fraudReviewReason(trx: Trx, input: FraudCheckInput): Promise<string | null> {
  const referrerEmail = tryNormalizeEmail(input.referrer.email)
  const friendEmail = tryNormalizeEmail(input.friend.email)
  const reasons: string[] = []

  const blockedFriend = blocklistMatch(input.fraud.blocklist, friendEmail)
  if (blockedFriend) reasons.push(`blocklisted friend (${blockedFriend})`)
  const blockedReferrer = blocklistMatch(input.fraud.blocklist, referrerEmail)
  if (blockedReferrer) reasons.push(`blocklisted referrer (${blockedReferrer})`)

  if (input.fraud.blockDisposableDomains && friendEmail) {
    const domain = emailDomain(friendEmail.normalized)
    if (isDisposableDomain(domain)) reasons.push(`disposable email domain (${domain})`)
  }

  const signal = selfReferralSignal(
    { email: referrerEmail, name: input.referrer.name },
    { email: friendEmail, name: input.friend.name },
  )
  if (signal) reasons.push(signal)

  const max = input.fraud.maxReferralsPerHour
  const recent = await recentReferralCount(trx, {
    workspaceId: input.workspaceId,
    referrerId: input.referrerId,
    limit: max,
  })
  if (recent >= max) reasons.push(`more than ${max} referrals from one referrer in an hour`)

  return reasons.length > 0 ? reasons.join('; ') : null
}
