// Calendar days in a workspace's time zone: where a day starts, and which day an instant is on.
// Analytics counts and ranges by these days (the SQL side buckets with `at time zone`).

import { instantOfWallClock, wallClockAsUtc } from '../wall-clock.js'

const DAY_MS = 86_400_000

/** The day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayInZone(instant: Date, zone: string): string {
  return new Date(wallClockAsUtc(instant, zone)).toISOString().slice(0, 10)
}

/**
 * The instant a day (YYYY-MM-DD) starts in a zone (a zone whose clocks skip midnight starts the
 * day at the first instant after it).
 */
export function dayStartInZone(day: string, zone: string): Date {
  return instantOfWallClock(Date.parse(`${day}T00:00:00Z`), zone)
}

/** The day after (calendar arithmetic, whatever the zone's clocks do). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}
