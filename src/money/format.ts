import { minorUnitDigits } from './currencies.js'

/**
 * Amounts are integers in the currency's ISO 4217 minor unit everywhere they are stored or sent
 * (500 JPY is 500, 49.00 USD is 4900, 1.250 KWD is 1250). These turn them into text.
 */

/** 4900 USD → "49.00", 500 JPY → "500", 1250 KWD → "1.250": major units, "." as decimal point. */
export function majorUnits(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency)
  const negative = minor < 0
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits)
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** 4900 USD → "$49.00", 500 JPY → "¥500" (in `locale`), with the ISO digits, not CLDR's. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = minorUnitDigits(currency)
  const major = minor / 10 ** digits
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major)
  } catch {
    return `${majorUnits(minor, currency)} ${currency}`
  }
}

/** 4900 USD → "USD 49.00": the code first, for notes and reasons an admin reads in any locale. */
export function formatMoneyCode(minor: number, currency: string): string {
  return `${currency} ${majorUnits(minor, currency)}`
}
