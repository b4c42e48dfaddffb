import { createHash, timingSafeEqual } from 'node:crypto'

/** Constant-time check of an `Authorization: Bearer <key>` header against the expected key. */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return false
  // Hashing first makes both sides the same length, so the comparison leaks nothing about it.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(match[1]), digest(expected))
}
