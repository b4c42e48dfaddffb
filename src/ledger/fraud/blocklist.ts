/**
 * Pure: the blocklist entry an email matches, if any. An entry with an @ names one address
 * (its +aliases included); `@example.com` or `example.com` names a domain and its subdomains.
 */
export function blocklistMatch(
  blocklist: readonly string[],
  email: { readonly normalized: string; readonly base: string } | null,
): string | null {
  if (!email || blocklist.length === 0) return null
  const domain = email.normalized.slice(email.normalized.lastIndexOf('@') + 1)
  for (const raw of blocklist) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    const isAddress = entry.includes('@') && !entry.startsWith('@')
    if (isAddress) {
      if (entry === email.normalized || entry === email.base) return raw
      continue
    }
    const blocked = entry.replace(/^@/, '')
    if (domain === blocked || domain.endsWith(`.${blocked}`)) return raw
  }
  return null
}
