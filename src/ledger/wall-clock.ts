// Wall-clock maths in IANA time zones with Intl alone: the calendar days analytics counts in
// (ledger/admin/zone-days.ts) and the local times a marketer types for a contest (contests/).

/** The wall-clock fields of an instant in a zone, as if they were UTC (for offset maths). */
export function wallClockAsUtc(instant: Date, zone: string): number {
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
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
}

/**
 * The instant at which a zone's clocks read `asUtc` (wall-clock fields written as if UTC). Two
 * passes settle the offset across a DST change: a time the change skips (spring forward) lands
 * just after it, a repeated one on its first occurrence.
 */
export function instantOfWallClock(asUtc: number, zone: string): Date {
  let guess = asUtc
  for (let i = 0; i < 2; i++) guess = asUtc - (wallClockAsUtc(new Date(guess), zone) - guess)
  return new Date(guess)
}
