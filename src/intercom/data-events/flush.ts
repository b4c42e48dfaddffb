import type { Db } from '../../ledger/db-types.js'
import { IntercomApiError, type IntercomApi } from '../api-types.js'

const PAGE = 50

/**
 * Sends a person's waiting data events, oldest first, each marked sent once Intercom took it. A
 * rate limit or a retryable failure is thrown (the write-back job waits or retries, and the rest
 * stay pending); a refusal that retrying cannot fix (the contact is gone) marks that event failed.
 * A crash between the send and the mark resends the same created_at, which Intercom drops.
 */
export async function flushOwedEvents(
  db: Db,
  api: IntercomApi,
  input: { workspaceId: string; participantId: string; contactId: string },
): Promise<number> {
  let sent = 0
  for (;;) {
    const rows = await db
      .selectFrom('intercom_event_outbox')
      .select(['id', 'event_name', 'occurred_at', 'metadata'])
      .where('workspace_id', '=', input.workspaceId)
      .where('participant_id', '=', input.participantId)
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(PAGE)
      .execute()
    for (const row of rows) {
      try {
        await api.createEvent({
          eventName: row.event_name,
          contactId: input.contactId,
          createdAt: Number(row.occurred_at),
          metadata: row.metadata,
        })
      } catch (error) {
        const final = error instanceof IntercomApiError && !error.retryable && error.status !== 401
        await db
          .updateTable('intercom_event_outbox')
          .set((eb) => ({
            attempts: eb('attempts', '+', 1),
            last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
            ...(final ? { status: 'failed' as const } : {}),
          }))
          .where('id', '=', row.id)
          .execute()
        if (final) continue
        throw error
      }
      await db
        .updateTable('intercom_event_outbox')
        .set((eb) => ({ status: 'sent', sent_at: new Date(), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.id)
        .execute()
      sent += 1
    }
    if (rows.length < PAGE) return sent
  }
}
