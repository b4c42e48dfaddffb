import type { AppContext } from '../context.js'
import { claimNotifications, retryNotificationLater } from '../ledger/webhook-notifications.js'
import { processNotification } from './process-notification.js'
import type { WorkerRegistration } from '../jobs/workers.js'

/** Longer than a healthy notification takes, so a live claim is never taken over. */
const LEASE_SECONDS = 300

/**
 * How the table-as-queue is drained, per instance: a claim of BATCH notifications (one
 * statement), LANES of them processed at a time. The lanes are the cap that keeps processing from
 * crowding acks out of the event loop (and, on PGlite, out of the one session). An empty claim
 * waits IDLE_MS before the next.
 */
export const DRAIN = {
  postgres: { batch: 32, lanes: 4, idleMs: 100, busyShare: 1 },
  // PGlite runs every statement synchronously on the main thread: processing flat out would leave
  // the acks (and card views) only the gaps, so it keeps to half the time (it rests as long as
  // each notification took).
  pglite: { batch: 16, lanes: 1, idleMs: 200, busyShare: 0.5 },
} as const

/**
 * Drains stored notifications until stopped: claim a batch, process it in capped lanes (each
 * notification settles on its own; a failure is retried later with backoff), claim again at once
 * while there is work, else wait a little. Returns the stop function (waits for the batch in hand).
 */
export function drainNotifications(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  options: { batch: number; lanes: number; idleMs: number; busyShare: number },
): () => Promise<void> {
  let stopping = false
  let wake: (() => void) | null = null
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((wake = null), resolve()), ms)
      wake = () => (clearTimeout(timer), (wake = null), resolve())
    })
  const processOne = async (id: string) => {
    const started = performance.now()
    try {
      await processNotification(ctx, id)
    } catch (error) {
      ctx.logger.warn({ err: error, notification: id }, 'webhook processing: will retry')
      await retryNotificationLater(ctx.db, id).catch(() => {})
    }
    if (options.busyShare < 1 && !stopping) {
      const took = performance.now() - started
      await new Promise((resolve) =>
        setTimeout(resolve, (took * (1 - options.busyShare)) / options.busyShare),
      )
    }
  }
  const loop = (async () => {
    while (!stopping) {
      let ids: string[] = []
      try {
        ids = await claimNotifications(ctx.db, options.batch, LEASE_SECONDS)
      } catch (error) {
        ctx.logger.warn({ err: error }, 'webhook processing: could not claim; trying again')
      }
      if (ids.length === 0) {
        await pause(options.idleMs * (stopping ? 0 : 1))
        continue
      }
      let next = 0
      const lane = async () => {
        while (next < ids.length) await processOne(ids[next++]!)
      }
      await Promise.all(Array.from({ length: Math.min(options.lanes, ids.length) }, lane))
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
