import { z } from 'zod'

/**
 * The currencies an amount may be in: ISO 4217's active codes for money people hold (funds codes,
 * precious metals and the IMF's units left out), with the standard's minor unit, the number of
 * digits after the decimal point. The standard, not `Intl`, decides the digits: CLDR formats HUF
 * and IQD with no decimals where ISO 4217 gives them 2 and 3.
 * https://www.iso.org/iso-4217-currency-codes.html
 */
// prettier-ignore
const ZERO_DIGITS = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']
const THREE_DIGITS = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']

// prettier-ignore
export const CURRENCY_CODES = [
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN',
  'BHD', 'BIF', 'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF',
  'CHF', 'CLP', 'CNY', 'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP',
  'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD',
  'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY',
  'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD',
  'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK',
  'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK',
  'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG',
  'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS',
  'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'UYU', 'UZS', 'VES',
  'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XCG', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW', 'ZWG',
] as const

export type CurrencyCode = (typeof CURRENCY_CODES)[number]

const KNOWN = new Set<string>(CURRENCY_CODES)

export function isCurrencyCode(value: string): value is CurrencyCode {
  return KNOWN.has(value)
}

/** Digits after the decimal point in ISO 4217 (USD 2, JPY 0, KWD 3); 2 for a code it lacks. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase()
  if (ZERO_DIGITS.includes(code)) return 0
  if (THREE_DIGITS.includes(code)) return 3
  return 2
}

/** A currency as the server accepts it: any case in, one of the ISO codes out, never free text. */
export const currencyCodeSchema = z
  .string({ error: 'Choose a currency.' })
  .trim()
  .toUpperCase()
  .pipe(z.enum(CURRENCY_CODES, { error: 'Choose a currency from the list, e.g. USD.' }))

/** "JPY" → "Japanese Yen" (English, for the picker's search); the code when unnamed. */
export function currencyName(code: string, locale = 'en'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code
  } catch {
    return code
  }
}
