import { type Html, html } from './html.js'

/** Every IANA time zone the runtime knows, UTC first. */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf('timeZone')
  if (!zones.includes('UTC')) zones.unshift('UTC')
  return zones
}

/** A zone as a person reads it: "America/New York". */
export function timeZoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ')
}

/** The `<option>`s of a time-zone select, `selected` chosen. */
export function timeZoneOptions(selected: string): Html[] {
  return timeZoneChoices().map(
    (zone) =>
      html`<option value="${zone}" ${selected === zone ? html`selected` : ''}>
        ${timeZoneLabel(zone)}
      </option>`,
  )
}
