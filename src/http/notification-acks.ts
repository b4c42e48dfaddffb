import { isSessionBusy, REQUEST_WAIT_MS, shedding } from '../../db/session-admission.js'
import { acceptNotifications, type IncomingNotification } from '../ledger/webhook-notifications.js'
import type { Db } from '../ledger/db-types.js'

interface Waiting {
  readonly notification: IncomingNotification
  /** When the ack arrived (epoch ms): its statement must have the session within `waitMs`. */
  readonly at: number
  readonly resolve: (created: boolean) => void
  readonly reject: (error: unknown) => void
}

/** Most acks one INSERT carries (a few hundred kB of JSON at most). */
const BATCH = 200

/**
 * Webhook acks share their INSERT: while one is being written, the acks that arrive wait and go
 * together in the next one (one statement, one commit for all of them). A lone ack is written at
 * once. Each caller is answered only once its notification is stored. On PGlite, whose every
 * commit is a synchronous write on the one session, this is most of an ack's cost.
 */
export function notificationAcks(
  db: Db,
  waitMs = REQUEST_WAIT_MS,
): (notification: IncomingNotification) => Promise<boolean> {
  const waiting: Waiting[] = []
  let writing = false
  const write = async () => {
    writing = true
    while (waiting.length > 0) {
      const batch = waiting.splice(0, BATCH)
      // Shed rather than wait (db/session-admission.ts), counted from the oldest ack's arrival.
      const store = (notifications: IncomingNotification[]) =>
        shedding(Math.max(0, batch[0]!.at + waitMs - Date.now()), () =>
          acceptNotifications(db, notifications),
        )
      try {
        const created = await store(batch.map((entry) => entry.notification))
        batch.forEach((entry, i) => entry.resolve(created[i]!))
      } catch (error) {
        if (isSessionBusy(error) || batch.length === 1) {
          for (const entry of batch) entry.reject(error)
          continue
        }
        // One notification the database refuses must not fail the others: each alone.
        for (const entry of batch) {
          try {
            entry.resolve((await store([entry.notification]))[0]!)
          } catch (alone) {
            entry.reject(alone)
          }
        }
      }
    }
    writing = false
  }
  return (notification) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ notification, at: Date.now(), resolve, reject })
      if (!writing) void write()
    })
}
