import { type Html, html } from './html.js'

/** A moment to the minute, in UTC, as the dashboard writes it: "2026-11-25 20:15". */
export function minuteUtc(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ')
}

/** The same, machine-readable too; `zone` names UTC where the page does not say it elsewhere. */
export function momentTime(date: Date, zone = ''): Html {
  return html`<time datetime="${date.toISOString()}">${minuteUtc(date)}${zone}</time>`
}
