import { sql } from 'kysely'
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit'
import type { Db } from '../ledger/db-types.js'

/**
 * express-rate-limit's counters in PostgreSQL (table http_rate_limits), so every app instance
 * counts one client together. One upsert per request: it starts a fresh window when the old one
 * is over, else adds one, and answers the count and the window's end. Expired rows are deleted
 * by the retention job.
 */
export class PostgresRateLimitStore implements Store {
  private windowMs = 60_000
  readonly localKeys = false

  constructor(
    private readonly db: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db
      .selectFrom('http_rate_limits')
      .select(['hits', 'reset_at'])
      .where('key', '=', this.key(key))
      .where('reset_at', '>', sql<Date>`now()`)
      .executeTakeFirst()
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const result = await sql<{ hits: number; reset_at: Date }>`
      insert into http_rate_limits as counter (key, hits, reset_at)
      values (${this.key(key)}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
      on conflict (key) do update set
        hits = case when counter.reset_at <= now() then 1 else counter.hits + 1 end,
        reset_at = case when counter.reset_at <= now() then excluded.reset_at else counter.reset_at end
      returning hits, reset_at`.execute(this.db)
    const row = result.rows[0]!
    return { totalHits: row.hits, resetTime: new Date(row.reset_at) }
  }

  async decrement(key: string): Promise<void> {
    await sql`update http_rate_limits set hits = greatest(hits - 1, 0)
      where key = ${this.key(key)} and reset_at > now()`.execute(this.db)
  }

  async resetKey(key: string): Promise<void> {
    await this.db.deleteFrom('http_rate_limits').where('key', '=', this.key(key)).execute()
  }
}
