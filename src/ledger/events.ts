import { type Trx } from './db-types.js'
import { type Actor } from './types.js'

export interface EventInput {
  readonly workspaceId: string
  readonly type: string
  readonly subject: { readonly type: string; readonly id: string }
  readonly actor: Actor
  readonly data?: Record<string, unknown>
}

/** Appends to the ledger's history, inside the transaction that made the change it describes. */
export async function recordEvent(trx: Trx, event: EventInput): Promise<void> {
  await trx
    .insertInto('events')
    .values({
      workspace_id: event.workspaceId,
      type: event.type,
      subject_type: event.subject.type,
      subject_id: event.subject.id,
      actor_type: event.actor.type,
      actor_id: event.actor.id ?? null,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute()
}
