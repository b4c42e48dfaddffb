import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { AppContext } from '../../context.js'
import { markContactsChanged } from '../../ledger/contact-changes.js'

/** A contact write Intercom refused for good, shown to the operator with its reason. */
export interface DeadLetter {
  readonly id: number
  readonly participantId: string
  readonly contactId: string | null
  readonly statusCode: number | null
  readonly reason: string
  readonly attributes: Record<string, unknown>
  readonly failedAt: Date
}

export async function recordDeadLetter(
  db: Kysely<Database>,
  input: {
    workspaceId: string
    participantId: string
    contactId: string | null
    statusCode: number | null
    reason: string
    attributes: Record<string, unknown>
  },
): Promise<void> {
  const values = {
    workspace_id: input.workspaceId,
    participant_id: input.participantId,
    contact_id: input.contactId,
    status_code: input.statusCode,
    reason: input.reason.slice(0, 1000),
    attributes: JSON.stringify(input.attributes),
  }
  // One row per contact: the latest refusal is the one worth reading.
  await db
    .insertInto('contact_write_dead_letters')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'participant_id']).doUpdateSet({
        contact_id: values.contact_id,
        status_code: values.status_code,
        reason: values.reason,
        attributes: values.attributes,
        failed_at: new Date(),
      }),
    )
    .execute()
}

/** A later successful write settles the contact's dead letter. */
export async function clearDeadLetter(
  db: Kysely<Database>,
  workspaceId: string,
  participantId: string,
): Promise<void> {
  await db
    .deleteFrom('contact_write_dead_letters')
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .execute()
}

/** The workspace's refused contact writes, newest first (at most `limit`). */
export async function listDeadLetters(
  db: Kysely<Database>,
  workspaceId: string,
  limit = 200,
): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('contact_write_dead_letters')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participant_id,
    contactId: row.contact_id,
    statusCode: row.status_code,
    reason: row.reason,
    attributes: (row.attributes ?? {}) as Record<string, unknown>,
    failedAt: row.failed_at,
  }))
}

/**
 * Sends a refused write again (after the operator fixed its cause): the contact is marked changed,
 * which enqueues a fresh write of its latest values. Returns false when no such dead letter exists.
 */
export async function retryDeadLetter(
  ctx: AppContext,
  workspaceId: string,
  id: number,
): Promise<boolean> {
  if (!Number.isSafeInteger(id) || id <= 0) return false
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('contact_write_dead_letters')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning('participant_id')
      .executeTakeFirst()
    if (!row) return false
    await markContactsChanged(trx, workspaceId, [row.participant_id])
    return true
  })
}
