import type { CampaignSettings } from '../ledger/campaign-settings.js'
import type { Actor } from '../ledger/types.js'

/** Who acts when a Stripe payment changes the ledger; rewards it causes wait out the hold. */
export const PAYMENT_ACTOR: Actor = { type: 'webhook', id: 'stripe' }

const DAY_MS = 86_400_000

/** The end of a payment-earned reward's hold, or null when it needs none (other causes, 0 days). */
export function holdUntilFor(
  settings: CampaignSettings,
  actor: Actor,
  now: Date = new Date(),
): Date | null {
  if (actor.type !== PAYMENT_ACTOR.type || actor.id !== PAYMENT_ACTOR.id) return null
  const days = settings.billing.holdDays
  return days > 0 ? new Date(now.getTime() + days * DAY_MS) : null
}
