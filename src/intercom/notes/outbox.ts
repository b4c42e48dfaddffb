import { z } from 'zod'
import { inTransaction, type JobQueue } from '../../jobs/queue.js'
import type { Db } from '../../ledger/db-types.js'
import { onLedgerEvent } from '../../ledger/events.js'
import { isConnected } from '../connections.js'
import { noteFor } from './compose.js'

export const NOTE_QUEUE = 'conversation-note'

export const noteJobSchema = z.object({ workspaceId: z.string().min(1), noteId: z.string().min(1) })
export type NoteJob = z.infer<typeof noteJobSchema>

/** One job per note; retries with backoff, and the sweeper re-enqueues a note whose retries ran out. */
export async function createNoteQueue(boss: JobQueue): Promise<void> {
  await boss.createQueue(NOTE_QUEUE, {
    name: NOTE_QUEUE,
    policy: 'stately',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 120,
    retentionMinutes: 60,
  })
}

export async function enqueueNote(
  boss: JobQueue,
  job: NoteJob,
  options: { db?: Parameters<typeof inTransaction>[0]; startAfter?: Date } = {},
): Promise<void> {
  await boss.send(NOTE_QUEUE, job, {
    singletonKey: `${job.workspaceId}:${job.noteId}`,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.db ? inTransaction(options.db) : {}),
  })
}

/**
 * Subscribes agents' notes to the ledger: a change an agent made from an Inbox conversation owes
 * that conversation a note, stored in the change's own transaction (once per ledger event) and
 * sent by its own job. Sending can fail and retry; the change itself is already committed.
 */
export function listenForAgentActions(db: Db, boss: JobQueue): () => void {
  return onLedgerEvent(db, async (trx, event) => {
    const { actor } = event
    if (actor.type !== 'admin' || !actor.id || !actor.conversationId) return
    const body = await noteFor(trx, event)
    if (!body || !(await isConnected(trx, event.workspaceId))) return
    const inserted = await trx
      .insertInto('conversation_notes')
      .values({
        workspace_id: event.workspaceId,
        ledger_event_id: event.id,
        conversation_id: actor.conversationId,
        admin_id: actor.id,
        body,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'ledger_event_id', 'conversation_id']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
    if (inserted)
      await enqueueNote(
        boss,
        { workspaceId: event.workspaceId, noteId: String(inserted.id) },
        { db: trx },
      )
  })
}
