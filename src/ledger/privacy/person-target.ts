import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { tryNormalizeEmail } from '../emails.js'

/** Who to erase: the ledger's participant id, or an Intercom contact id, or an email. */
export interface ErasureTarget {
  readonly participantId?: string | null
  readonly contactId?: string | null
  readonly email?: string | null
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A `where` on participants for the person a target names, by any key it carries (an id that is
 * not a UUID and an email that does not parse are no keys); null when it carries none, so an
 * erasure and an export of the same target find the same person.
 */
export function matchingPerson(target: ErasureTarget) {
  const email = tryNormalizeEmail(target.email)?.normalized ?? null
  const participantId =
    target.participantId && UUID.test(target.participantId) ? target.participantId : null
  if (!participantId && !target.contactId && !email) return null
  return (eb: ExpressionBuilder<Database, 'participants'>) =>
    eb.or([
      ...(participantId ? [eb('id', '=', participantId)] : []),
      ...(target.contactId ? [eb('contact_id', '=', target.contactId)] : []),
      ...(email ? [eb('email_normalized', '=', email)] : []),
    ])
}
