import { sql } from 'kysely'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { AppContext } from './context.js'
import {
  oldestWaitingNotificationAt,
  pendingNotificationCount,
} from './ledger/webhook-notifications.js'

export interface AppMetrics {
  readonly registry: Registry
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>
  readonly rateLimited: Counter<'limiter'>
}

/** One registry per app instance, so tests that build several apps never share counters. */
export function createMetrics(ctx: AppContext): AppMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const rateLimited = new Counter({
    name: 'http_rate_limited_total',
    help: 'Requests refused with 429 by a per-IP limiter',
    labelNames: ['limiter'] as const,
    registers: [registry],
  })
  new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs waiting (created or retry) per pg-boss queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      if (!ctx.jobs) return
      const queues = await ctx.jobs.getQueues()
      for (const queue of queues)
        this.set({ queue: queue.name }, await ctx.jobs.getQueueSize(queue.name))
    },
  })
  new Gauge({
    name: 'contact_write_back_lag_seconds',
    help: 'Age of the oldest pending contact write-back (0 when none is pending)',
    registers: [registry],
    async collect() {
      const row = await sql<{ oldest: Date | string | null }>`
        select min(changed_at) as oldest from pending_contact_writes`.execute(ctx.db)
      const oldest = row.rows[0]?.oldest
      this.set(oldest ? Math.max(0, (Date.now() - new Date(oldest).getTime()) / 1000) : 0)
    },
  })
  new Gauge({
    name: 'contact_write_back_pending',
    help: 'Contacts waiting for a write-back to Intercom',
    registers: [registry],
    async collect() {
      const row = await sql<{ count: number | string }>`
        select count(*) as count from pending_contact_writes`.execute(ctx.db)
      this.set(Number(row.rows[0]?.count ?? 0))
    },
  })
  new Gauge({
    name: 'webhook_notifications_pending',
    help: 'Webhook notifications stored and not yet fully processed (the processing backlog)',
    registers: [registry],
    async collect() {
      this.set(await pendingNotificationCount(ctx.db))
    },
  })
  new Gauge({
    name: 'webhook_notifications_lag_seconds',
    help: 'Age of the oldest webhook notification not yet fully processed (0 when none waits)',
    registers: [registry],
    async collect() {
      const oldest = await oldestWaitingNotificationAt(ctx.db)
      this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0)
    },
  })
  new Gauge({
    name: 'referrer_view_cache_entries',
    help: "Cards in this instance's card cache",
    registers: [registry],
    collect() {
      this.set(ctx.referrerViews?.size ?? 0)
    },
  })
  new Gauge({
    name: 'referrer_view_cache_bytes',
    help: "Estimated bytes of this instance's card cache (bounded)",
    registers: [registry],
    collect() {
      this.set(ctx.referrerViews?.bytes ?? 0)
    },
  })
  new Gauge({
    name: 'referrer_view_cache_lookups',
    help: 'Card cache lookups since start, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.set({ outcome: 'hit' }, ctx.referrerViews?.hits ?? 0)
      this.set({ outcome: 'miss' }, ctx.referrerViews?.misses ?? 0)
    },
  })
  return { registry, requestDuration, rateLimited }
}
