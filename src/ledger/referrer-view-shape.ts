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
  /** The last gift card or cash sent to them (src/rewards/payouts/), for "what was sent, where, when". */
  readonly latestPayout?: LatestPayout | null
}

export interface LatestPayout {
  readonly amountMinor: number
  readonly currency: string
  readonly productName: string | null
  readonly provider: 'tremendous' | 'tango_card' | 'paypal'
  readonly delivery: 'email' | 'link'
  /** The address it went to, masked for display: j…@example.com. */
  readonly to: string | null
  readonly at: string
}

/** Who referred the person in this campaign, as one line of the Inbox panel. */
export interface ReferredByLine {
  readonly name: string | null
  readonly email: string | null
  readonly code: string
  readonly status: ReferralStatus
}
