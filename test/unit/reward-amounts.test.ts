import { describe, expect, test } from 'vitest'
import { minorUnitDigits } from '../../src/money/currencies.js'
import { commissionMinor, saleValueToMinor } from '../../src/rewards/reward-amounts.js'

describe('reward amounts', () => {
  test.each([
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['XXQ', 2],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits)
  })

  test.each([
    ['number', 129.99, 'USD', 12999],
    ['string', '129.99', 'USD', 12999],
    ['thousands separator', '1,250.5', 'USD', 125050],
    ['half-up at the third decimal', '10.005', 'USD', 1001],
    ['below half', '10.0049', 'USD', 1000],
    ['float that is not exact in binary', 0.1 + 0.2, 'USD', 30],
    ['zero-digit currency', '1500.5', 'JPY', 1501],
    ['negative', -5, 'USD', null],
    ['text', 'lots', 'USD', null],
    ['boolean', true, 'USD', null],
    ['NaN', Number.NaN, 'USD', null],
  ])('sale value from a %s', (_label, value, currency, expected) => {
    expect(saleValueToMinor(value, currency)).toBe(expected)
  })

  test.each([
    ['10% of 129.99', 12999, 10, 1300],
    ['12.5% of 19.99 rounds 249.875 up', 1999, 12.5, 250],
    ['exactly half rounds up', 5, 10, 1],
    ['just under half rounds down', 4, 10, 0],
    ['0%', 10000, 0, 0],
    ['100%', 10000, 100, 10000],
    ['fractional percent', 100000, 0.333333, 333],
  ])('commission: %s', (_label, sale, percent, expected) => {
    expect(commissionMinor(sale, percent)).toBe(expected)
  })
})
