import { describe, expect, it } from 'vitest'
import { contestInput } from '../../src/contests/contest-settings.js'
import { instantToLocalTime, localTimeToInstant } from '../../src/contests/time-zone.js'

// A contest's period is typed as local times in its time zone and kept as the instants they stand
// for, so it ends (and freezes) at midnight where the marketer is, daylight saving included.
describe('contest periods in their time zone', () => {
  it.each([
    // zone, local time, the instant (UTC)
    ['Asia/Tokyo', '2026-12-31T23:59', '2026-12-31T14:59:00.000Z'],
    ['Asia/Kolkata', '2027-01-01T00:00', '2026-12-31T18:30:00.000Z'],
    ['America/New_York', '2027-01-01T00:00', '2027-01-01T05:00:00.000Z'],
    // Summer time: Berlin at UTC+2, New York at UTC-4.
    ['Europe/Berlin', '2026-07-01T00:00', '2026-06-30T22:00:00.000Z'],
    ['America/New_York', '2026-07-01T00:00', '2026-07-01T04:00:00.000Z'],
    // The night clocks go back in Berlin (25 Oct 2026, 03:00 → 02:00): either side of it.
    ['Europe/Berlin', '2026-10-25T01:30', '2026-10-24T23:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25T04:00', '2026-10-25T03:00:00.000Z'],
    // The night clocks go forward (29 Mar 2026, 02:00 → 03:00): 03:30 is summer time already.
    ['Europe/Berlin', '2026-03-29T03:30', '2026-03-29T01:30:00.000Z'],
  ])('%s %s is %s', (zone, local, instant) => {
    expect(localTimeToInstant(local, zone)?.toISOString()).toBe(instant)
    expect(instantToLocalTime(new Date(instant), zone)).toBe(local)
  })

  it('a time skipped by the clocks going forward lands just after the change', () => {
    expect(localTimeToInstant('2026-03-29T02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    )
  })

  it('a contest keeps the instants its local start and end stand for', () => {
    const contest = contestInput.parse({
      name: 'New year sprint',
      campaignId: '00000000-0000-4000-8000-000000000000',
      startsAt: '2026-12-01T00:00',
      endsAt: '2027-01-01T00:00',
      timeZone: 'Asia/Tokyo',
      topN: 0,
    })
    expect(contest.startsAt.toISOString()).toBe('2026-11-30T15:00:00.000Z')
    expect(contest.endsAt.toISOString()).toBe('2026-12-31T15:00:00.000Z')
    expect(localTimeToInstant('2026-12-31T23:00', 'Mars/Olympus')).toBeNull()
  })
})
