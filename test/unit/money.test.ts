import { describe, expect, it, test } from 'vitest'
import { currencyCodeSchema, minorUnitDigits } from '../../src/money/currencies.js'
import { formatMoney, formatMoneyCode, majorUnits } from '../../src/money/format.js'
import { fromStripeAmount, stripeMinorUnitDigits, toStripeAmount } from '../../src/money/stripe.js'

// One amount per currency, stored in ISO 4217 minor units, and what every surface shows for it.
test.each([
  // code, ISO digits, Stripe digits, stored, major text, formatted (en), Stripe amount
  ['USD', 2, 2, 4900, '49.00', '$49.00', 4900],
  ['EUR', 2, 2, 1050, '10.50', '€10.50', 1050],
  ['JPY', 0, 0, 500, '500', '¥500', 500],
  ['KRW', 0, 0, 15000, '15000', '₩15,000', 15000],
  ['KWD', 3, 3, 1250, '1.250', 'KWD 1.250', 1250],
  ['BHD', 3, 3, 2500, '2.500', 'BHD 2.500', 2500],
  ['ISK', 0, 2, 500, '500', 'ISK 500', 50000],
  ['HUF', 2, 2, 150000, '1500.00', 'HUF 1,500.00', 150000],
])(
  '%s: ISO %i digits, Stripe %i; %i stored reads %s / %s; Stripe gets %i',
  (code, isoDigits, stripeDigits, stored, major, formatted, stripe) => {
    expect(minorUnitDigits(code)).toBe(isoDigits)
    expect(stripeMinorUnitDigits(code)).toBe(stripeDigits)
    expect(majorUnits(stored, code)).toBe(major)
    expect(formatMoney(stored, code, 'en').replace(/\u00a0/g, ' ')).toBe(formatted)
    expect(formatMoneyCode(stored, code)).toBe(`${code} ${major}`)
    expect(toStripeAmount(stored, code)).toBe(stripe)
    expect(fromStripeAmount(stripe, code)).toBe(stored)
    expect(toStripeAmount(stored, code.toLowerCase())).toBe(stripe)
  },
)

describe('money', () => {
  it('rounds three-decimal amounts to the ten Stripe requires, and MGA to whole ariary', () => {
    expect(toStripeAmount(1255, 'KWD')).toBe(1260)
    expect(toStripeAmount(1254, 'BHD')).toBe(1250)
    expect(toStripeAmount(1250, 'MGA')).toBe(13)
    expect(fromStripeAmount(13, 'MGA')).toBe(1300)
  })

  it('formats in the reader’s locale with the ISO digits, not CLDR’s', () => {
    expect(formatMoney(500, 'JPY', 'de').replace(/\u00a0/g, ' ')).toBe('500 ¥')
    expect(formatMoney(150000, 'HUF', 'de').replace(/\u00a0/g, ' ')).toBe('1.500,00 HUF')
    expect(majorUnits(-5, 'USD')).toBe('-0.05')
  })

  it('takes a currency from the list only: any case in, the ISO code out', () => {
    expect(currencyCodeSchema.parse(' jpy ')).toBe('JPY')
    expect(currencyCodeSchema.safeParse('DOL').success).toBe(false)
    expect(currencyCodeSchema.safeParse('dollars').success).toBe(false)
  })
})
