import { readFileSync } from 'node:fs'

let domains: ReadonlySet<string> | undefined

/** The shipped list, read once per process on first use. */
function disposableDomains(): ReadonlySet<string> {
  domains ??= new Set(
    readFileSync(new URL('./disposable-domains.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  )
  return domains
}

/** Is this domain, or a domain it is a subdomain of, a known throw-away mail provider? */
export function isDisposableDomain(domain: string): boolean {
  const list = disposableDomains()
  const labels = domain.toLowerCase().split('.')
  for (let at = 0; at < labels.length - 1; at += 1) {
    if (list.has(labels.slice(at).join('.'))) return true
  }
  return false
}
