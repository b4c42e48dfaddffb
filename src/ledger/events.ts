import type { Trx } from './db-types.js'
import type { Actor } from './types.js'

export interface EventInput {
  readonly workspaceId: string
  readonly type: string
  readonly subject: { readonly type: string; readonly id: string }
  readonly actor: Actor
  readonly data?: Record<string, unknown>
}

/** A ledger event as listeners see it, with the id and time the database gave it. */
export interface RecordedEvent extends EventInput {
  readonly id: string
  readonly createdAt: Date
}

export type LedgerEventListener = (trx: Trx, event: RecordedEvent) => Promise<void>
const listeners: LedgerEventListener[] = []

/**
 * What Intercom is told (data events, agents' notes) is derived from the ledger's history: the
 * Intercom pipeline subscribes here at start-up, without the ledger importing it. Listeners run
 * inside the transaction that made the change, so a notice is owed exactly when the change commits.
 */
export function onLedgerEvent(listener: LedgerEventListener): () => void {
  listeners.push(listener)
  return () => {
    const at = listeners.indexOf(listener)
    if (at >= 0) listeners.splice(at, 1)
  }
}

/** Appends to the ledger's history, inside the transaction that made the change it describes. */
export async function recordEvent(trx: Trx, event: EventInput): Promise<void> {
  const row = await trx
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
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()
  if (listeners.length === 0) return
  const recorded = { ...event, id: String(row.id), createdAt: new Date(row.created_at) }
  for (const listener of listeners) await listener(trx, recorded)
}
