// Calendar days in a workspace's time zone: where a day starts, and which day an instant is on.
// Analytics counts and ranges by these days (the SQL side buckets with `at time zone`).

const DAY_MS = 86_400_000

/** The wall-clock of an instant in a zone, as if it were UTC (for offset maths). */
function wallClockAsUtc(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
}

/** The day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayInZone(instant: Date, zone: string): string {
  return new Date(wallClockAsUtc(instant, zone)).toISOString().slice(0, 10)
}

/**
 * The instant a day (YYYY-MM-DD) starts in a zone. Two passes settle the offset across a DST
 * change (a zone whose clocks skip midnight starts the day at the first instant after it).
 */
export function dayStartInZone(day: string, zone: string): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`)
  let guess = asUtc
  for (let i = 0; i < 2; i++) guess = asUtc - (wallClockAsUtc(new Date(guess), zone) - guess)
  return new Date(guess)
}

/** The day after (calendar arithmetic, whatever the zone's clocks do). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)
}
