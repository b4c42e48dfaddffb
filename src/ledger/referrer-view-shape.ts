import type { RewardTotals } from './summaries.js'
import type { Campaign, Participant, Referrer, ReferralStatus } from './types.js'

// The shape alone, so the card cache can hold views without importing how they are read.

/** Everything the Messenger card and the Inbox panel show about one referrer. */
export interface ReferrerView {
  readonly campaign: Campaign
  readonly referrer: Referrer
  readonly participant: Participant
  readonly rewards: RewardTotals
  readonly referredBy: ReferredByLine | null
}

/** Who referred the person in this campaign, as one line of the Inbox panel. */
export interface ReferredByLine {
  readonly name: string | null
  readonly email: string | null
  readonly code: string
  readonly status: ReferralStatus
}
