import type { NormalizedEmail } from '../emails.js'

export interface FraudParty {
  readonly email: NormalizedEmail | null
  readonly name: string | null
}

// Mailboxes that many unrelated people have; matching them at two domains means nothing.
const GENERIC_LOCAL_PARTS = new Set([
  'admin',
  'contact',
  'hello',
  'info',
  'mail',
  'office',
  'sales',
  'support',
  'team',
  'billing',
  'accounts',
])
const DOTLESS_DOMAINS = new Set(['gmail.com', 'googlemail.com'])

/**
 * Pure: signs that one person is behind both sides, beyond the hard self-referral rule (which
 * refuses the same contact, the same email or a +alias of it). These only send the referral to a
 * person's review: each has innocent explanations.
 */
export function selfReferralSignal(referrer: FraudParty, friend: FraudParty): string | null {
  if (referrer.email && friend.email) {
    const a = mailbox(referrer.email)
    const b = mailbox(friend.email)
    if (a.canonical === b.canonical) return 'possible self-referral: the same Gmail mailbox'
    if (a.local === b.local && a.local.length >= 5 && !GENERIC_LOCAL_PARTS.has(a.local)) {
      return 'possible self-referral: the same mailbox name at another domain'
    }
    const sameName =
      fullName(referrer.name) !== null && fullName(referrer.name) === fullName(friend.name)
    if (sameName && a.domain === b.domain) {
      return 'possible self-referral: the same name at the same email domain'
    }
  }
  return null
}

/** Local part without +tag and dots, and the address as Gmail delivers it. */
function mailbox(email: NormalizedEmail): { local: string; domain: string; canonical: string } {
  const at = email.base.lastIndexOf('@')
  const domain = email.base.slice(at + 1)
  const local = email.base.slice(0, at).replace(/\./g, '')
  const canonical = DOTLESS_DOMAINS.has(domain) ? `${local}@gmail.com` : email.base
  return { local, domain, canonical }
}

function fullName(name: string | null): string | null {
  const words = (name ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean)
  return words.length >= 2 ? words.join(' ') : null
}
