import { describe, expect, it } from 'vitest'
import { parseRewardForm } from '../../src/http/canvas/manual-reward.js'

describe('parseRewardForm', () => {
  it.each([
    ['USD', '10', { amountMinor: 1000, currency: 'USD', points: null }],
    ['EUR', '12.5', { amountMinor: 1250, currency: 'EUR', points: null }],
    ['GBP', '0.99', { amountMinor: 99, currency: 'GBP', points: null }],
    ['EUR', '3,40', { amountMinor: 340, currency: 'EUR', points: null }],
    ['points', '50', { amountMinor: null, currency: null, points: 50 }],
  ] as const)('%s %s', (unit, amount, expected) => {
    expect(parseRewardForm({ unit, amount, description: 'Thanks' })).toEqual({
      ok: true,
      description: 'Thanks',
      ...expected,
    })
  })

  it.each([
    ['USD', '0'],
    ['USD', '-5'],
    ['USD', '1.234'],
    ['USD', '1e3'],
    ['USD', ''],
    ['points', '2.5'],
    ['points', '0'],
  ] as const)('refuses %s %s', (unit, amount) => {
    expect(parseRewardForm({ unit, amount, description: 'x' })).toEqual({
      ok: false,
      error: 'inbox.rewardInvalidAmount',
    })
  })

  it('needs a description', () => {
    expect(parseRewardForm({ unit: 'USD', amount: '5', description: '  ' })).toEqual({
      ok: false,
      error: 'inbox.rewardDescriptionRequired',
    })
  })
})
