import { sql } from 'kysely'
import type { Db, Trx } from './db-types.js'
import { listen, listenerChannel, listenersOf } from './listeners.js'

export interface ContactChangeOptions {
  /** background: bulk work (an install backfill) whose writes wait for live ones. */
  readonly priority?: 'live' | 'background'
}

export type ContactChangeListener = (
  trx: Trx,
  workspaceId: string,
  participantIds: readonly string[],
  options: ContactChangeOptions,
) => Promise<void>

const CONTACT_CHANGE = listenerChannel<ContactChangeListener>('contact change')

/**
 * Lets the Intercom write-back subscribe to attribute changes without the ledger importing it.
 * Registered at start-up on the instance's database handle; listeners run inside the ledger's
 * transaction.
 */
export function onContactChange(db: Db, listener: ContactChangeListener): () => void {
  return listen(db, CONTACT_CHANGE, listener)
}

/**
 * Marks contacts whose referral attributes changed, in the same transaction as the change: one row
 * per contact, so a burst of changes becomes one write of the latest values.
 */
export async function markContactsChanged(
  trx: Trx,
  workspaceId: string,
  participantIds: readonly string[],
  options: ContactChangeOptions = {},
): Promise<void> {
  const unique = [...new Set(participantIds)]
  if (unique.length === 0) return
  await trx
    .insertInto('pending_contact_writes')
    .values(
      unique.map((participantId) => ({ workspace_id: workspaceId, participant_id: participantId })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'participant_id']).doUpdateSet({ changed_at: sql`now()` }),
    )
    .execute()
  for (const listener of listenersOf(trx, CONTACT_CHANGE))
    await listener(trx, workspaceId, unique, options)
}

/**
 * Marks an erased person's contact for a write that clears our attributes on it, in the erasure's
 * transaction (after its scrub, which would otherwise replace the contact id kept here). Only for a
 * connected workspace; the id is kept until that write is done.
 */
export async function markContactErased(
  trx: Trx,
  workspaceId: string,
  participantId: string,
  contactId: string,
): Promise<void> {
  // Without a connection no write can reach Intercom: the contact id is not kept for one.
  const connected = await trx
    .selectFrom('workspaces')
    .select('id')
    .where('id', '=', workspaceId)
    .where('access_token_ciphertext', 'is not', null)
    .executeTakeFirst()
  if (!connected) return
  await trx
    .insertInto('pending_contact_writes')
    .values({
      workspace_id: workspaceId,
      participant_id: participantId,
      erased_contact_id: contactId,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'participant_id'])
        .doUpdateSet({ changed_at: sql`now()`, erased_contact_id: contactId }),
    )
    .execute()
  for (const listener of listenersOf(trx, CONTACT_CHANGE))
    await listener(trx, workspaceId, [participantId], {})
}
