import { minorUnitDigits } from './currencies.js'

/**
 * Stripe's amounts are integers in its own minor unit, which is ISO 4217's except where Stripe says
 * otherwise (https://docs.stripe.com/currencies#zero-decimal, #three-decimal, #special-cases):
 * - ISK is zero-decimal in ISO 4217 but two-decimal in Stripe's API (500 ISK is `50000`, and only
 *   multiples of 100 are accepted);
 * - MGA is two-decimal in ISO 4217 but zero-decimal in Stripe's API;
 * - three-decimal amounts (BHD, JOD, KWD, OMR, TND) must end in 0;
 * - HUF and TWD stay two-decimal in the API; only payouts must be whole units, and this app makes
 *   none in Stripe.
 * The app stores ISO minor units; these convert at the Stripe boundary and nowhere else.
 */
// prettier-ignore
const STRIPE_ZERO_DIGITS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'])
const STRIPE_THREE_DIGITS = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND'])

/** Digits Stripe's API uses for a currency (ISK 2, JPY 0, KWD 3). */
export function stripeMinorUnitDigits(currency: string): number {
  const code = currency.toUpperCase()
  if (code === 'ISK') return 2
  if (STRIPE_ZERO_DIGITS.has(code)) return 0
  if (STRIPE_THREE_DIGITS.has(code)) return 3
  return minorUnitDigits(code)
}

/**
 * ISO minor units → the amount Stripe expects: 500 ISK → 50000, 1255 KWD → 1260 (half-up to the
 * ten Stripe requires). A fraction Stripe cannot carry (MGA cents) rounds half-up.
 */
export function toStripeAmount(minor: number, currency: string): number {
  const shift = stripeMinorUnitDigits(currency) - minorUnitDigits(currency)
  const amount = shift >= 0 ? minor * 10 ** shift : Math.round(minor / 10 ** -shift)
  return STRIPE_THREE_DIGITS.has(currency.toUpperCase()) ? Math.round(amount / 10) * 10 : amount
}

/** An amount from Stripe (invoice, charge, refund) → ISO minor units: 50000 ISK → 500. */
export function fromStripeAmount(amount: number, currency: string): number {
  const shift = stripeMinorUnitDigits(currency) - minorUnitDigits(currency)
  return shift >= 0 ? Math.round(amount / 10 ** shift) : amount * 10 ** -shift
}
