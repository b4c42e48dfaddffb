import { describe, expect, it } from 'vitest'
import { dayRange, lastDays } from '../../src/ledger/admin/analytics.js'
import { dayInZone, dayStartInZone } from '../../src/ledger/admin/zone-days.js'
import { deliveryFailureWords } from '../../src/http/routes/admin-dashboard/delivery-state.js'
import { tabWithWork } from '../../src/http/routes/admin-dashboard/status-tabs.js'

describe('the review queue’s opening tab', () => {
  const queue = ['delivery_failed', 'pending', 'approved']
  it('is the first tab, in priority order, with work', () => {
    const counts = new Map([
      ['delivery_failed', 0],
      ['pending', 2],
      ['approved', 5],
    ])
    expect(tabWithWork(queue, counts)).toBe('pending')
    expect(tabWithWork(queue, new Map([...counts, ['delivery_failed', 1]]))).toBe('delivery_failed')
  })
  it('is All when no tab has work', () => {
    expect(tabWithWork(queue, new Map([['fulfilled', 9]]))).toBe('')
  })
})

describe('why a delivery failed, in words', () => {
  it('says what the reward system answered, or that it could not be reached', () => {
    expect(deliveryFailureWords('fulfilment webhook answered 503')).toBe(
      'Your reward system refused it: its address answered with error 503.',
    )
    expect(
      deliveryFailureWords('fulfilment webhook unreachable: connect ECONNREFUSED 10.0.0.1:443'),
    ).toBe('Your reward system could not be reached at its address.')
    expect(String(deliveryFailureWords('Stripe said no'))).toContain('<code>Stripe said no</code>')
  })
})

describe('days in a time zone', () => {
  it('starts a day at the zone’s midnight, across a change of clocks', () => {
    expect(dayStartInZone('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    )
    // Clocks go forward that night: the next day starts an hour earlier in UTC.
    expect(dayStartInZone('2026-03-09', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    )
    expect(dayInZone(new Date('2026-03-10T03:30:00Z'), 'America/New_York')).toBe('2026-03-09')
    expect(dayInZone(new Date('2026-03-10T03:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-10')
  })
  it('makes ranges of whole local days', () => {
    expect(dayRange('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({
      from: new Date('2026-03-08T05:00:00Z'),
      to: new Date('2026-03-09T04:00:00Z'),
      timeZone: 'America/New_York',
    })
    // 01:00 UTC on 1 January is still 31 December in New York: the last 2 days end there.
    expect(lastDays(2, new Date('2027-01-01T01:00:00Z'), 'America/New_York')).toEqual({
      from: new Date('2026-12-30T05:00:00Z'),
      to: new Date('2027-01-01T05:00:00Z'),
      timeZone: 'America/New_York',
    })
    expect(lastDays(1, new Date('2027-01-01T01:00:00Z'))).toEqual({
      from: new Date('2027-01-01T00:00:00Z'),
      to: new Date('2027-01-02T00:00:00Z'),
      timeZone: 'UTC',
    })
  })
})
