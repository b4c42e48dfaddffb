import type { PayoutStatus } from '../../../../db/tables/payouts.js'
import type { Reward } from '../../../ledger/rewards.js'
import { type Html, html } from './html.js'

/** Where a reward's payout through a provider stands, when it has one. */
export interface PayoutState {
  readonly payoutStatus?: PayoutStatus | null
  readonly payoutFailure?: string | null
}

/** How a payout through a provider stands, in words; a failure in red, with where to retry. */
const PAYOUT_WORDS: Record<string, string> = {
  awaiting_approval: 'Payout waits for approval',
  awaiting_address: 'Payout waits for their PayPal address',
  requested: 'Payout on its way',
  sent: 'Payout sent',
  delivered: 'Payout delivered',
  failed: 'Payout failed',
  cancelled: 'Payout cancelled',
  flagged: 'Payout needs a look',
}

export function payoutCell(
  base: string,
  r: Pick<Reward, 'kind' | 'points'> & PayoutState,
): Html | string {
  if (!r.payoutStatus) return r.kind === 'coupon' || r.points !== null ? '—' : 'No payout'
  const words = PAYOUT_WORDS[r.payoutStatus] ?? 'Payout'
  if (r.payoutStatus !== 'failed') return words
  return html`<span class="failure-reason"
      >${words}${r.payoutFailure ? `: ${r.payoutFailure}` : ''}</span
    >
    <br /><a href="${base}/payouts">Retry on the Payouts page</a>`
}
