import type { AppContext } from '../context.js'
import {
  type ClaimedNotification,
  claimNotifications,
  retryNotificationLater,
} from '../ledger/webhook-notifications.js'
import { processNotification } from './process-notification.js'
import { processNotificationsTogether, type TogetherResult } from './process-together.js'
import type { WorkerRegistration } from '../jobs/workers.js'

/** Longer than a healthy notification takes, so a live claim is never taken over. */
const LEASE_SECONDS = 300

/**
 * How the table-as-queue is drained, per instance: a claim of `batch` notifications (one
 * statement), split by contact into `lanes` processed side by side, each lane up to `together`
 * notifications to a transaction. The lanes are the cap that keeps processing from crowding acks
 * out of the event loop. An empty claim waits `idleMs` before the next.
 */
export const DRAIN = {
  postgres: { batch: 128, lanes: 8, together: 16, idleMs: 100, sliceMs: Infinity },
  // PGlite is one session: while a transaction holds it, every ack and card view waits. Processing
  // runs in the database's own thread and may take all of it, but a transaction ends once it has
  // held the session `sliceMs` and a request waits for it (the rest goes on in the next one), so a
  // request waits about a slice at most; alone, sixteen notifications share each transaction's
  // fixed statements and commit.
  pglite: { batch: 32, lanes: 1, together: 16, idleMs: 200, sliceMs: 30 },
} as const

/**
 * Claimed notifications split into at most `lanes` queues, each contact's notifications on one
 * queue, in the order claimed (so they are processed one after another, never side by side).
 */
export function lanesByContact(claimed: readonly ClaimedNotification[], lanes: number): string[][] {
  const groups = new Map<string, string[]>()
  for (const { id, contactKey } of claimed) {
    const key = contactKey ?? `notification:${id}`
    const group = groups.get(key)
    if (group) group.push(id)
    else groups.set(key, [id])
  }
  const queues: string[][] = Array.from({ length: Math.max(1, lanes) }, () => [])
  for (const group of groups.values()) {
    const shortest = queues.reduce((a, b) => (b.length < a.length ? b : a))
    shortest.push(...group)
  }
  return queues.filter((queue) => queue.length > 0)
}

/**
 * Drains stored notifications until stopped: claim a batch, process it in capped lanes (each
 * notification settles on its own; a failure is retried later with backoff), claim again at once
 * while there is work, else wait a little. Returns the stop function (waits for the batch in hand).
 */
export function drainNotifications(
  ctx: Pick<AppContext, 'db' | 'database' | 'logger'>,
  options: {
    batch: number
    lanes: number
    together: number
    idleMs: number
    sliceMs: number
  },
): () => Promise<void> {
  let stopping = false
  let wake: (() => void) | null = null
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((wake = null), resolve()), ms)
      wake = () => (clearTimeout(timer), (wake = null), resolve())
    })
  /** Between runs, a turn of the event loop: requests that arrived meanwhile are read first. */
  const rest = async () => {
    if (!stopping) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  const processOne = async (id: string) => {
    try {
      await processNotification(ctx, id)
    } catch (error) {
      ctx.logger.warn({ err: error, notification: id }, 'webhook processing: will retry')
      await retryNotificationLater(ctx.db, id).catch(() => {})
    }
    await rest()
  }
  /** One lane's queue: runs of `together` in one transaction each; what needs its own steps alone. */
  const processQueue = async (ids: readonly string[]) => {
    let at = 0
    while (at < ids.length) {
      const run = ids.slice(at, at + options.together)
      const started = performance.now()
      let result: TogetherResult | null = null
      if (run.length > 1) {
        const endEarly = () =>
          performance.now() - started >= options.sliceMs && ctx.database.sessionWanted()
        try {
          result = await processNotificationsTogether(ctx, run, endEarly)
        } catch (error) {
          // Nothing of the run was kept: each alone, so that one bad notification holds back none.
          ctx.logger.debug({ err: error }, 'webhook processing: a shared transaction failed')
        }
        await rest()
      }
      if (!result) {
        for (const id of run) await processOne(id)
        at += run.length
        continue
      }
      at += result.settled
      if (result.continueWith) await processOne(result.continueWith)
      else if (at < ids.length && result.settled < run.length && !result.endedEarly)
        await processOne(ids[at++]!)
    }
  }
  const loop = (async () => {
    while (!stopping) {
      let claimed: ClaimedNotification[] = []
      try {
        claimed = await claimNotifications(ctx.db, options.batch, LEASE_SECONDS)
      } catch (error) {
        ctx.logger.warn({ err: error }, 'webhook processing: could not claim; trying again')
      }
      if (claimed.length === 0) {
        await pause(options.idleMs * (stopping ? 0 : 1))
        continue
      }
      await Promise.all(lanesByContact(claimed, options.lanes).map(processQueue))
    }
  })()
  return async () => {
    stopping = true
    wake?.()
    await loop
  }
}

/**
 * Starts draining the notifications table. Finished notifications are deleted by the retention
 * job (RETENTION_WEBHOOK_NOTIFICATIONS_DAYS).
 */
export const registerNotificationWorker: WorkerRegistration = async (ctx) =>
  drainNotifications(ctx, DRAIN[ctx.database.kind])
