import type { Actor } from '../../../ledger/types.js'
import type { AdminPrincipal } from '../../admin-auth.js'

/** The ledger's actor for an admin change: the signed-in admin's email, or the operator. */
export function actorOf(principal: AdminPrincipal): Actor {
  return principal.kind === 'session'
    ? { type: 'admin', id: principal.adminEmail }
    : { type: 'operator', id: null }
}
