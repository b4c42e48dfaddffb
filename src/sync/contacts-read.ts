import type { Db, Trx } from '../ledger/db-types.js'

/**
 * Records the contacts a run has read and answers which of these it reads for the first time.
 * The scan is ascending by `updated_at`, and our own write-back of an imported referrer's link
 * moves that contact behind the cursor, where the scan meets it again: progress counts it once.
 */
export async function markContactsRead(
  trx: Trx,
  runId: string,
  contactIds: readonly string[],
): Promise<ReadonlySet<string>> {
  const unique = [...new Set(contactIds)]
  if (unique.length === 0) return new Set()
  const rows = await trx
    .insertInto('sync_run_contacts')
    .values(unique.map((contactId) => ({ run_id: runId, contact_id: contactId })))
    .onConflict((conflict) => conflict.columns(['run_id', 'contact_id']).doNothing())
    .returning('contact_id')
    .execute()
  return new Set(rows.map((row) => row.contact_id))
}

/** A run that ended needs no memory of what it read. */
export async function forgetContactsRead(db: Db | Trx, runId: string): Promise<void> {
  await db.deleteFrom('sync_run_contacts').where('run_id', '=', runId).execute()
}
