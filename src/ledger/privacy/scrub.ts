/** What replaces personal data wherever the ledger must keep the row. */
export const TOMBSTONE = '[erased]'

/**
 * A case-insensitive PostgreSQL regular expression matching any needle as a whole token: not
 * inside a longer address, id or code (an@x.com is not in jan@x.com or an@x.com.au), while a
 * sentence's final full stop still ends one.
 */
export function needlePattern(needles: readonly string[]): string | null {
  const escaped = [...new Set(needles.map((needle) => needle.trim()).filter((n) => n.length >= 3))]
    .sort((a, b) => b.length - a.length)
    .map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (escaped.length === 0) return null
  return `(?<![A-Za-z0-9._%+-])(?:${escaped.join('|')})(?!\\.?[A-Za-z0-9_%+-])`
}

/**
 * The same needles as they appear inside JSON text (quotes and backslashes escaped), so a
 * replacement on a JSON column's text keeps it valid JSON.
 */
export function jsonNeedles(needles: readonly string[]): string[] {
  return needles.map((needle) => JSON.stringify(needle).slice(1, -1))
}
