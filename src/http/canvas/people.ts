import type { Person } from '../../../canvas/requests.js'
import { tryNormalizeEmail } from '../../ledger/emails.js'
import type { PersonInput } from '../../ledger/types.js'

/**
 * The ledger's person for a Messenger user or Inbox contact. Both readings of the Messenger user
 * (v1.4 user model, v2 contact model) carry the Intercom id in `id`; the email is a fallback key.
 * A malformed email from Intercom is dropped rather than refused: it is not the visitor's typing.
 */
export function personOf(person: Person | null | undefined): PersonInput | null {
  if (!person) return null
  const contactId = person.id?.trim() || null
  const email = person.email && tryNormalizeEmail(person.email) ? person.email.trim() : null
  if (!contactId && !email) return null
  return { contactId, email, name: person.name?.trim() || null }
}

/** A display name: the person's name, else their email, else a fallback. */
export function displayName(
  person: { name?: string | null; email?: string | null } | null | undefined,
  fallback = '—',
): string {
  return person?.name?.trim() || person?.email?.trim() || fallback
}
