/** What replaces personal data wherever the ledger must keep the row. */
export const TOMBSTONE = '[erased]'

/** A case-insensitive regular expression matching any of the needles literally. */
export function needlePattern(needles: readonly string[]): string | null {
  const escaped = [...new Set(needles.map((needle) => needle.trim()).filter((n) => n.length >= 3))]
    .sort((a, b) => b.length - a.length)
    .map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return escaped.length > 0 ? escaped.join('|') : null
}

/**
 * The same needles as they appear inside JSON text (quotes and backslashes escaped), so a
 * replacement on a JSON column's text keeps it valid JSON.
 */
export function jsonNeedles(needles: readonly string[]): string[] {
  return needles.map((needle) => JSON.stringify(needle).slice(1, -1))
}
