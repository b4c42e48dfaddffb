import { sql } from 'kysely'
import type { JobQueue } from '../../jobs/queue.js'
import type { Db, Trx } from '../../ledger/db-types.js'
import { onLedgerEvent } from '../../ledger/events.js'
import { isConnected } from '../connections.js'
import { transactionMemo } from '../../ledger/transaction-memo.js'
import { enqueueContactWrite } from '../writeback/enqueue.js'
import { mayOweEvents, owedEvents } from './derive.js'
import { withExperimentVariant } from '../../experiments/event-variant.js'

/**
 * Subscribes the data events to the ledger: each ledger event's owed data events are stored in the
 * same transaction (at most once per ledger event, name and person, by a unique key), and the
 * person's write-back job is enqueued with them; that job sends them right after the attributes.
 */
export function listenForOwedEvents(db: Db, boss: JobQueue, publicUrl: string): () => void {
  const connected = transactionMemo<boolean>()
  return onLedgerEvent(db, async (trx, event) => {
    // Nothing is owed to a workspace without a connection: not even worth deriving.
    const { workspaceId } = event
    if (!mayOweEvents(event)) return
    if (!(await connected(trx, workspaceId, () => isConnected(trx, workspaceId)))) return
    const owed = await owedEvents(trx, publicUrl, event)
    if (owed.length === 0) return
    const eventSecond = Math.floor(event.createdAt.getTime() / 1000)
    for (const item of owed) {
      const inserted = await trx
        .insertInto('intercom_event_outbox')
        .values({
          workspace_id: event.workspaceId,
          ledger_event_id: event.id,
          event_name: item.eventName,
          participant_id: item.participantId,
          occurred_at: await freeSecond(trx, event.workspaceId, item, eventSecond),
          metadata: JSON.stringify(
            await withExperimentVariant(trx, event.workspaceId, item.participantId, item.metadata),
          ),
        })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'ledger_event_id', 'event_name', 'participant_id'])
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst()
      if (inserted)
        await enqueueContactWrite(
          boss,
          { workspaceId: event.workspaceId, participantId: item.participantId },
          { db: trx },
        )
    }
  })
}

/**
 * Intercom keeps one event per contact, name and created_at (a repeat is dropped as a duplicate):
 * two "friend joined" in the same second must not collapse into one, so the later one takes the
 * next free second. The same row always sends the same second, which keeps a retried send harmless.
 */
async function freeSecond(
  trx: Trx,
  workspaceId: string,
  item: { eventName: string; participantId: string },
  second: number,
): Promise<number> {
  const row = await trx
    .selectFrom('intercom_event_outbox')
    .select(sql<string | null>`max(occurred_at)`.as('latest'))
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', item.participantId)
    .where('event_name', '=', item.eventName)
    .where('occurred_at', '>=', String(second) as never)
    .executeTakeFirst()
  return row?.latest === null || row?.latest === undefined ? second : Number(row.latest) + 1
}

/** Whether a person has data events waiting to be sent. */
export async function hasOwedEvents(
  db: Db,
  workspaceId: string,
  participantId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('intercom_event_outbox')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .where('status', '=', 'pending')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
