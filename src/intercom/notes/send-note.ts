import type { AppContext } from '../../context.js'
import {
  IntercomApiError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
} from '../api-types.js'
import { dropWorkspaceConnection, getIntercomApi } from '../connections.js'
import type { NoteJob } from './outbox.js'

export type NoteOutcome =
  | { kind: 'sent' }
  | { kind: 'nothing-pending' }
  | { kind: 'not-connected' }
  | { kind: 'rate-limited'; retryAt: Date }
  | { kind: 'failed'; reason: string }

/**
 * Posts one stored note. A rate limit waits (the caller re-enqueues it for the reset), a retryable
 * failure is thrown for the queue's backoff, and a refusal retrying cannot fix (the conversation
 * or the admin is gone) marks the note failed, with the reason, for the operator.
 */
export async function sendNote(ctx: AppContext, job: NoteJob): Promise<NoteOutcome> {
  const note = await ctx.db
    .selectFrom('conversation_notes')
    .selectAll()
    .where('workspace_id', '=', job.workspaceId)
    .where('id', '=', job.noteId as never)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (!note) return { kind: 'nothing-pending' }
  const api = await getIntercomApi(ctx, job.workspaceId)
  if (!api) return { kind: 'not-connected' }
  const mark = (fields: { status?: 'sent' | 'failed'; last_error?: string | null }) =>
    ctx.db
      .updateTable('conversation_notes')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        ...fields,
        ...(fields.status === 'sent' ? { sent_at: new Date() } : {}),
      }))
      .where('id', '=', note.id as never)
      .execute()
  try {
    await api.addNote({
      conversationId: note.conversation_id,
      adminId: note.admin_id,
      body: note.body,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof IntercomRateLimitedError) {
      await mark({ last_error: message })
      return { kind: 'rate-limited', retryAt: error.retryAt }
    }
    if (error instanceof IntercomUnauthorizedError) {
      await mark({ last_error: message })
      await dropWorkspaceConnection(ctx, job.workspaceId, 'disconnected', message)
      return { kind: 'not-connected' }
    }
    if (error instanceof IntercomApiError && !error.retryable) {
      const reason = `${error.status ?? 'error'}: ${message}`.slice(0, 500)
      await mark({ status: 'failed', last_error: reason })
      return { kind: 'failed', reason }
    }
    await mark({ last_error: message.slice(0, 500) })
    throw error
  }
  await mark({ status: 'sent', last_error: null })
  return { kind: 'sent' }
}
