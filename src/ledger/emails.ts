import { InvalidEmailError } from './errors.js'

export interface NormalizedEmail {
  /** Lower-cased and trimmed; plus-addressing kept, since it is a real, distinct mailbox name. */
  readonly normalized: string
  /** The address without its +tag, used to spot one person behind several aliases. */
  readonly base: string
  readonly plusAddressed: boolean
}

// Deliberately simpler than RFC 5322: one @, a dotted domain, no spaces or control characters.
const EMAIL_SHAPE =
  /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/

export function normalizeEmail(raw: string): NormalizedEmail {
  const normalized = raw.normalize('NFC').trim().toLowerCase()
  if (normalized.length > 254 || !EMAIL_SHAPE.test(normalized)) throw new InvalidEmailError(raw)
  const [local = '', domain = ''] = normalized.split('@')
  if (
    local.length === 0 ||
    local.length > 64 ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    throw new InvalidEmailError(raw)
  }
  const plusAt = local.indexOf('+', 1) // a leading + is the name itself, not a tag
  const baseLocal = plusAt > 0 ? local.slice(0, plusAt) : local
  return { normalized, base: `${baseLocal}@${domain}`, plusAddressed: plusAt > 0 }
}

export function tryNormalizeEmail(raw: string | null | undefined): NormalizedEmail | null {
  if (!raw) return null
  try {
    return normalizeEmail(raw)
  } catch {
    return null
  }
}

export function emailDomain(normalized: string): string {
  return normalized.slice(normalized.lastIndexOf('@') + 1)
}
