import type { Campaign } from '../../ledger/types.js'

export const PAYOUT_ADDRESS_SHEET_PATH = '/canvas/messenger/sheet/payout-address'

/** Does this campaign pay cash by PayPal (so its card asks for the referrer's PayPal address)? */
export function paysByPayPal(campaign: Campaign): boolean {
  return campaign.settings.rewards.rules.some(
    (rule) => rule.kind === 'payout' && rule.payoutProvider === 'paypal',
  )
}
