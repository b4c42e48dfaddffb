// Times read as people say them ("3 hours ago"), the exact moment on hover and for screen readers.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })

export function relativeTime(date: Date, now = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit)
  }
  return 'just now'
}

export function exactTime(date: Date): string {
  return exact.format(date)
}

/** A <time> element for `iso`: relative words, the exact time in its title. */
export function timeElement(iso: string): HTMLTimeElement {
  const node = document.createElement('time')
  node.dateTime = iso
  showRelative(node)
  return node
}

function showRelative(node: HTMLTimeElement): void {
  const date = new Date(node.dateTime)
  if (Number.isNaN(date.getTime())) return
  node.title = exactTime(date)
  node.textContent = relativeTime(date)
}

/** Every <time> of the page (but those marked data-exact) reads relative. */
export function initTimes(root: ParentNode = document): void {
  for (const node of root.querySelectorAll<HTMLTimeElement>('time[datetime]:not([data-exact])'))
    showRelative(node)
}
