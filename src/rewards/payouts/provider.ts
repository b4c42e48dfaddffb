import type { PayoutEnvironment, PayoutProviderName } from '../../../db/tables/payouts.js'

export type { PayoutEnvironment, PayoutProviderName }

export const PROVIDER_NAMES: Record<PayoutProviderName, string> = {
  tremendous: 'Tremendous',
  tango_card: 'Tango Card',
  paypal: 'PayPal Payouts',
}

export interface Money {
  readonly minor: number
  readonly currency: string
}

/** One payout to place; `rewardId` is the provider's idempotency key / external reference. */
export interface PayoutOrder {
  readonly rewardId: string
  readonly amount: Money
  readonly recipient: { readonly email: string; readonly name: string | null }
  /** Tremendous product id or Tango Card utid; null = the recipient's choice (Tremendous). */
  readonly product: string | null
  readonly delivery: 'email' | 'link'
  readonly note: string
}

export interface PlacedPayout {
  readonly orderId: string
  /** The provider's id of the single reward / line item / payout item, when it has one. */
  readonly itemId: string | null
  readonly state: 'sent' | 'delivered'
  /** A redemption link, for delivery by link. */
  readonly linkUrl: string | null
}

export interface ProviderAccount {
  readonly label: string
  readonly balance: Money | null
}

/** What a catalog item may be ordered for, in minor units of its currency. */
export type CatalogValue =
  | { readonly kind: 'fixed'; readonly minor: number }
  | { readonly kind: 'range'; readonly minMinor: number; readonly maxMinor: number }

export interface CatalogItem {
  readonly id: string
  readonly name: string
  readonly currency: string
  /** The brand it belongs to (Tango Card groups items by brand). */
  readonly brand?: string
  readonly value?: CatalogValue
}

/**
 * A payout provider, connected for one workspace. Every method is a real call; place() is
 * idempotent on the order's reward id, so a retry, a redelivered job or a second instance gets the
 * first order back instead of a second payment.
 */
export interface PayoutProvider {
  readonly name: PayoutProviderName
  readonly environment: PayoutEnvironment
  /** Checks the credentials with a read, and says whose account it is. */
  account(): Promise<ProviderAccount>
  place(order: PayoutOrder): Promise<PlacedPayout>
  /** Stops a payout not yet delivered, where the provider allows it. */
  cancel(placed: {
    orderId: string
    itemId: string | null
  }): Promise<'cancelled' | 'not-cancellable'>
  /** What the admin can choose from (Tango Card's utids, Tremendous' products). */
  catalog(): Promise<CatalogItem[]>
}

export type PayoutErrorKind =
  'auth' | 'insufficient_funds' | 'invalid_recipient' | 'rate_limited' | 'unavailable' | 'rejected'

/** A provider's refusal, classified: some are worth retrying, some need a person. */
export class PayoutError extends Error {
  override readonly name = 'PayoutError'
  constructor(
    readonly kind: PayoutErrorKind,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
  }

  /** Funds topped up, a rate limit passed or an outage over: the same call may then succeed. */
  get retryable(): boolean {
    return (
      this.kind === 'insufficient_funds' ||
      this.kind === 'rate_limited' ||
      this.kind === 'unavailable'
    )
  }
}

/** Decimal text of an amount in minor units, e.g. 2000 USD → "20.00". */
export function decimalOf(amount: Money, digits: number): string {
  return (amount.minor / 10 ** digits).toFixed(digits)
}
