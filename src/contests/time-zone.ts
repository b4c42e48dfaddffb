import { instantOfWallClock, wallClockAsUtc } from '../ledger/wall-clock.js'

/** Whether Intl knows this IANA time zone name (e.g. "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/**
 * The instant a local time ("2026-12-31T23:59", as an `<input type=datetime-local>` sends it) stands
 * for in an IANA zone (across a DST change as instantOfWallClock settles it).
 */
export function localTimeToInstant(local: string, zone: string): Date | null {
  const m = LOCAL.exec(local)
  if (!m || !isTimeZone(zone)) return null
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!)
  if (Number.isNaN(asUtc)) return null
  return instantOfWallClock(asUtc, zone)
}

/** An instant as local "YYYY-MM-DDTHH:mm" in a zone (for form fields and CSV). */
export function instantToLocalTime(instant: Date, zone: string): string {
  return new Date(wallClockAsUtc(instant, zone)).toISOString().slice(0, 16)
}

/** "31 Dec 2026, 23:59 (Europe/Berlin)": how a marketer reads a contest's start or end. */
export function formatInZone(instant: Date, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant)
  return `${text} (${zone})`
}
