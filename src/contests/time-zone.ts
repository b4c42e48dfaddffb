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

/** The wall-clock fields of an instant in a time zone, as if they were UTC (for offset maths). */
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
 * The instant a local time ("2026-12-31T23:59", as an `<input type=datetime-local>` sends it) stands
 * for in an IANA zone. Two passes settle the offset across a DST change; a time skipped by the
 * change (spring forward) lands just after it, a repeated one on its first occurrence.
 */
export function localTimeToInstant(local: string, zone: string): Date | null {
  const m = LOCAL.exec(local)
  if (!m || !isTimeZone(zone)) return null
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!)
  if (Number.isNaN(asUtc)) return null
  let guess = asUtc
  for (let i = 0; i < 2; i++) guess = asUtc - (wallClockAsUtc(new Date(guess), zone) - guess)
  return new Date(guess)
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
