import type { Db, Trx } from './db-types.js'
import { listen, listenerChannel, listenersOf } from './listeners.js'
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
const LEDGER_EVENT = listenerChannel<LedgerEventListener>('ledger event')

/**
 * What Intercom is told (data events, agents' notes) is derived from the ledger's history: the
 * Intercom pipeline subscribes here at start-up, on its instance's database handle, without the
 * ledger importing it. Listeners run inside the transaction that made the change, so a notice is
 * owed exactly when the change commits.
 */
export function onLedgerEvent(db: Db, listener: LedgerEventListener): () => void {
  return listen(db, LEDGER_EVENT, listener)
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
  const listeners = listenersOf(trx, LEDGER_EVENT)
  if (listeners.length === 0) return
  const recorded = { ...event, id: String(row.id), createdAt: new Date(row.created_at) }
  for (const listener of listeners) await listener(trx, recorded)
}
