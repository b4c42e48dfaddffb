import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import { CONTACT_DELETED } from '../intercom/webhook-payload.js'
import type { Db } from '../ledger/db-types.js'
import { erasePerson, type ErasureResult } from '../ledger/privacy/erase-person.js'
import { isErasedPerson } from '../ledger/privacy/identity-hash.js'
import { markNotification } from '../ledger/webhook-notifications.js'
import { isUuid } from '../ledger/campaigns.js'
import type { Trx } from '../ledger/db-types.js'

export type DeletedContactResult =
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'erased'; readonly erasure: ErasureResult['status'] }

function deletedContact(payload: unknown): { contactId: string; email: string | null } | null {
  const item = (payload as { data?: { item?: Record<string, unknown> } } | null)?.data?.item
  const contactId = typeof item?.id === 'string' ? item.id.trim() : ''
  if (!contactId) return null
  const email = typeof item?.email === 'string' ? item.email : null
  return { contactId, email }
}

/**
 * Intercom's `contact.deleted`: the person is erased from the ledger (their stored notifications,
 * this one included, lose their payload). Returns null for any other topic. Idempotent: a
 * redelivery or a retry finds the person already erased.
 */
export async function eraseDeletedContact(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  id: string,
): Promise<DeletedContactResult | null> {
  if (!isUuid(id)) return null
  const stored = await ctx.db
    .selectFrom('webhook_notifications')
    .select(['workspace_id', 'notification_id', 'topic', 'status', 'payload'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!stored || stored.topic !== CONTACT_DELETED) return null
  if (stored.status === 'processed') return { status: 'skipped', reason: 'already_processed' }
  const contact = deletedContact(stored.payload)
  if (!contact) {
    await ctx.db
      .transaction()
      .execute((trx) =>
        markNotification(trx, id, { status: 'skipped', outcome: { reason: 'no_contact_id' } }),
      )
    return { status: 'skipped', reason: 'no_contact_id' }
  }
  const erasure = await erasePerson(ctx.db, {
    workspaceId: stored.workspace_id,
    target: contact,
    actor: { type: 'webhook', id: stored.notification_id },
    reason: 'Contact deleted in Intercom',
  })
  await ctx.db.transaction().execute(async (trx) => {
    await forgetPayload(trx, id)
    await markNotification(trx, id, { status: 'processed', outcome: { erasure: erasure.status } })
  })
  ctx.logger.info(
    { notification: stored.notification_id, erasure: erasure.status },
    'contact deleted in Intercom: erased',
  )
  return { status: 'erased', erasure: erasure.status }
}

/** A stored notification about an erased person keeps no payload. */
export async function forgetPayload(trx: Trx, id: string): Promise<void> {
  await trx
    .updateTable('webhook_notifications')
    .set({ payload: sql`'{"erased": true}'::jsonb`, plan: null })
    .where('id', '=', id)
    .execute()
}

/** True when a notification describes someone erased from its workspace (it is then ignored). */
export function describesErasedPerson(
  db: Db,
  workspaceId: string,
  item: { id: string; email?: string | null },
): Promise<boolean> {
  return isErasedPerson(db, workspaceId, { contactId: item.id, email: item.email ?? null })
}
