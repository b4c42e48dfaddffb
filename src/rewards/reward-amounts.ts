import { minorUnitDigits } from '../money/currencies.js'

/**
 * Money for rewards, in integer minor units. A commission is `percent` of a sale value that
 * Intercom holds in MAJOR units (what a person types: 129.99 USD), rounded half-up to the minor
 * unit of the rule's currency (0.005 → 0.01; JPY has no minor unit, so 0.5 → 1). The arithmetic is
 * exact: decimals are parsed into BigInt, never multiplied as floats.
 */

const PERCENT_SCALE = 1_000_000n


/**
 * A sale value (number or numeric string in major units) → integer minor units, half-up.
 * Returns null for anything that is not a finite, non-negative decimal.
 */
export function saleValueToMinor(value: unknown, currency: string): number | null {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null
    // toFixed(10) turns 1e-7 or 19.99 into plain decimals without exponent notation.
    text = value.toFixed(10)
  } else if (typeof value === 'string') {
    text = value.trim().replace(/,/g, '')
  } else {
    return null
  }
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text)
  if (!match) return null
  const digits = minorUnitDigits(currency)
  const whole = BigInt(match[1] ?? '0')
  const fraction = match[2] ?? ''
  const kept = BigInt((fraction.slice(0, digits) || '0').padEnd(digits, '0'))
  const nextDigit = Number(fraction.charAt(digits) || '0')
  let minor = whole * 10n ** BigInt(digits) + kept
  if (nextDigit >= 5) minor += 1n
  return Number(minor)
}

/** percent (0–100, up to 6 decimals) of an amount in minor units, rounded half-up. */
export function commissionMinor(saleMinor: number, percent: number): number {
  const scaledPercent = BigInt(Math.round(percent * Number(PERCENT_SCALE)))
  const numerator = BigInt(saleMinor) * scaledPercent
  const denominator = 100n * PERCENT_SCALE
  // Half-up for non-negative values: floor((2n + d) / 2d).
  return Number((2n * numerator + denominator) / (2n * denominator))
}
