import { sql } from 'kysely'
import type { Db } from '../ledger/db-types.js'
import { IntercomRateLimitedError } from './api-types.js'

const WINDOW_MS = 10_000
const WINDOWS_PER_MINUTE = 6

export interface RateLimiterOptions {
  /** Intercom's budget per app and workspace (calls a minute); Intercom's default is 10,000. */
  readonly limitPerMinute?: number
  /** Fraction of the budget the app allows itself; the rest is headroom. */
  readonly share?: number
  /** Calls claimed from the database at once; the unused rest of a batch lapses with its window. */
  readonly batchSize?: number
  /** acquire() waits at most this long, then throws IntercomRateLimitedError for the job to retry. */
  readonly maxWaitMs?: number
  /** Milliseconds clock (tests pass a fixed one); windows are aligned to it. */
  readonly clock?: () => number
}

export interface RateLimitHeadroom {
  readonly budgetPerWindow: number
  readonly usedThisWindow: number
  readonly blockedUntil: Date | null
  /** What Intercom last said through this instance (X-RateLimit-Remaining), if anything. */
  readonly lastRemaining: number | null
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>

interface Batch {
  windowStart: number
  tokens: number
}

/**
 * live: what a person is waiting for (a referrer's attributes, data events, agents' notes);
 * background: bulk work (the install backfill) that may use only what live calls leave.
 */
export type CallPriority = 'live' | 'background'

/** Share of each window background calls never touch, so live calls arriving mid-window find room. */
const LIVE_RESERVE = 0.25
/** Background claims are small, so tokens an instance holds never stand in a live call's way for long. */
const BACKGROUND_BATCH = 5

/**
 * The Intercom call budget of each workspace, shared by every app instance through the database:
 * instances claim calls in small batches from one row per workspace, so the sum of all claims in a
 * 10-second window stays under `share` of Intercom's limit. A 429 or `X-RateLimit-Remaining: 0`
 * blocks the workspace for everyone until Intercom's reset time.
 *
 * Live calls come first: background claims leave a reserve of every window untouched, and none are
 * granted for a window after a live claim found the budget spent (`live_short_at`), so a backfill
 * of any size only ever uses what live traffic leaves.
 */
export class IntercomRateLimiter {
  readonly budgetPerWindow: number
  private readonly batchSize: number
  private readonly maxWaitMs: number
  private readonly clock: () => number
  private readonly batches = new Map<string, Batch>()
  private readonly backgroundBatches = new Map<string, Batch>()
  private readonly blocked = new Map<string, number>()
  private readonly claims = new Map<string, Promise<void>>()
  private readonly lastRemaining = new Map<string, number>()

  constructor(
    private readonly db: Db,
    options: RateLimiterOptions = {},
  ) {
    const perMinute = options.limitPerMinute ?? 10_000
    this.budgetPerWindow = Math.max(
      1,
      Math.floor((perMinute * (options.share ?? 0.95)) / WINDOWS_PER_MINUTE),
    )
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? 40, this.budgetPerWindow))
    this.maxWaitMs = options.maxWaitMs ?? 30_000
    this.clock = options.clock ?? Date.now
  }

  /**
   * Resolves when one call may go (waiting for the next window or a reset if needed); throws
   * IntercomRateLimitedError with the time to retry when that is further away than maxWaitMs.
   */
  async acquire(
    workspaceId: string,
    maxWaitMs = this.maxWaitMs,
    priority: CallPriority = 'live',
  ): Promise<void> {
    const deadline = this.clock() + maxWaitMs
    for (;;) {
      const waitMs = await this.tryAcquire(workspaceId, priority)
      if (waitMs === 0) return
      if (this.clock() + waitMs > deadline) {
        throw new IntercomRateLimitedError(new Date(this.clock() + waitMs))
      }
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }

  /** Takes one call if the budget allows: 0 = go now, otherwise the milliseconds to wait. */
  async tryAcquire(workspaceId: string, priority: CallPriority = 'live'): Promise<number> {
    const batches = priority === 'live' ? this.batches : this.backgroundBatches
    const claimKey = `${priority}:${workspaceId}`
    for (;;) {
      const now = this.clock()
      const blockedUntil = this.blocked.get(workspaceId) ?? 0
      if (blockedUntil > now) return blockedUntil - now
      const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS
      const batch = batches.get(workspaceId)
      if (batch && batch.windowStart === windowStart && batch.tokens > 0) {
        batch.tokens -= 1
        // Claims ahead while a quarter of the batch is left: calls never stand still for the
        // claim's round trip (which grows with the database's load) when the batch runs out.
        if (batch.tokens <= this.claimAheadAt(priority) && !this.claims.has(claimKey))
          this.startClaim(workspaceId, priority, windowStart, now, true).catch(() => false)
        return 0
      }
      // One claim in flight per workspace, priority and instance; the others wait, then look again.
      const inFlight = this.claims.get(claimKey)
      if (inFlight) {
        await inFlight
        continue
      }
      const granted = await this.startClaim(workspaceId, priority, windowStart, now, false)
      if (!granted) {
        const until = this.blocked.get(workspaceId) ?? 0
        return Math.max(1, (until > now ? until : windowStart + WINDOW_MS) - now)
      }
    }
  }

  private claimAheadAt(priority: CallPriority): number {
    const size = priority === 'live' ? this.batchSize : Math.min(BACKGROUND_BATCH, this.batchSize)
    return Math.floor(size / 4)
  }

  /**
   * Claims a batch, the one claim in flight for this workspace and priority on this instance.
   * `ahead`: the batch in hand still has calls; granted calls are added to them, and none granted
   * leaves them be.
   */
  private async startClaim(
    workspaceId: string,
    priority: CallPriority,
    windowStart: number,
    now: number,
    ahead: boolean,
  ): Promise<boolean> {
    const claimKey = `${priority}:${workspaceId}`
    const claim =
      priority === 'live'
        ? this.claim(workspaceId, windowStart, now, ahead)
        : this.claimBackground(workspaceId, windowStart, now, ahead)
    this.claims.set(
      claimKey,
      claim.then(
        () => undefined,
        () => undefined,
      ),
    )
    try {
      return await claim
    } finally {
      this.claims.delete(claimKey)
    }
  }

  /** One statement: grant up to a batch from what the window has left, unless blocked. */
  private async claim(
    workspaceId: string,
    windowStart: number,
    now: number,
    ahead: boolean,
  ): Promise<boolean> {
    const budget = this.budgetPerWindow
    const want = this.batchSize
    const window = new Date(windowStart)
    const at = new Date(now)
    const result = await sql<{ last_grant: number; blocked_until: Date | null }>`
      insert into intercom_rate_limits as r (workspace_id, window_start, used, last_grant)
      values (${workspaceId}, ${window}, ${want}, ${want})
      on conflict (workspace_id) do update set
        last_grant = case
          when r.blocked_until > ${at} then 0
          when r.window_start >= excluded.window_start then least(${want}, greatest(${budget} - r.used, 0))
          else ${want} end,
        used = case
          when r.blocked_until > ${at} then r.used
          when r.window_start >= excluded.window_start then r.used + least(${want}, greatest(${budget} - r.used, 0))
          else ${want} end,
        live_short_at = case
          when r.blocked_until > ${at} then r.live_short_at
          when r.window_start >= excluded.window_start and r.used >= ${budget} then ${at}
          else r.live_short_at end,
        window_start = greatest(r.window_start, excluded.window_start),
        updated_at = now()
      returning last_grant, blocked_until
    `.execute(this.db)
    return this.keepGrant(result.rows[0], this.batches, workspaceId, windowStart, now, ahead)
  }

  /**
   * A background claim: up to a small batch from what the window has left above the live reserve,
   * and nothing while live calls recently went short. Never blocks or records anything for live.
   */
  private async claimBackground(
    workspaceId: string,
    windowStart: number,
    now: number,
    ahead: boolean,
  ): Promise<boolean> {
    const ceiling = Math.max(
      0,
      this.budgetPerWindow - Math.ceil(this.budgetPerWindow * LIVE_RESERVE),
    )
    const want = Math.min(BACKGROUND_BATCH, this.batchSize)
    const window = new Date(windowStart)
    const at = new Date(now)
    // Live calls that went short in this window or the previous one keep the backfill out.
    const liveShortSince = new Date(windowStart - WINDOW_MS)
    const grantable = sql<number>`case
      when r.blocked_until > ${at} then 0
      when r.live_short_at >= ${liveShortSince} then 0
      when r.window_start >= excluded.window_start
        then least(${want}::int, greatest(${ceiling}::int - r.used, 0))
      else least(${want}::int, ${ceiling}::int) end`
    const result = await sql<{ last_grant: number; blocked_until: Date | null }>`
      insert into intercom_rate_limits as r (workspace_id, window_start, used, last_grant)
      values (${workspaceId}, ${window}, ${Math.min(want, ceiling)}, ${Math.min(want, ceiling)})
      on conflict (workspace_id) do update set
        last_grant = ${grantable},
        used = case
          when r.window_start >= excluded.window_start then r.used + ${grantable}
          else ${grantable} end,
        window_start = greatest(r.window_start, excluded.window_start),
        updated_at = now()
      returning last_grant, blocked_until
    `.execute(this.db)
    return this.keepGrant(
      result.rows[0],
      this.backgroundBatches,
      workspaceId,
      windowStart,
      now,
      ahead,
    )
  }

  /**
   * What a live or background claim's row says: a block another instance recorded is honoured
   * here too, and the granted calls become this instance's batch (none: no batch, no call). A
   * claim made ahead adds to the batch in hand (same window) and, granted nothing, leaves it.
   */
  private keepGrant(
    row: { last_grant: number; blocked_until: Date | null } | undefined,
    batches: Map<string, Batch>,
    workspaceId: string,
    windowStart: number,
    now: number,
    ahead: boolean,
  ): boolean {
    const blockedUntil = row?.blocked_until ? new Date(row.blocked_until).getTime() : 0
    if (blockedUntil > now) this.blocked.set(workspaceId, blockedUntil)
    const granted = row?.last_grant ?? 0
    const inHand = batches.get(workspaceId)
    const adding = ahead && inHand !== undefined && inHand.windowStart === windowStart
    if (granted <= 0) {
      if (!adding) batches.delete(workspaceId)
      return false
    }
    if (adding) inHand.tokens += granted
    else batches.set(workspaceId, { windowStart, tokens: granted })
    return true
  }

  /**
   * Reads X-RateLimit-Remaining / X-RateLimit-Reset (and Retry-After) from any Intercom response.
   * A 429 or a remaining of 0 blocks the workspace for every instance until the reset.
   */
  async observe(workspaceId: string, headers: HeaderSource, status?: number): Promise<void> {
    const remaining = numberHeader(headers, 'x-ratelimit-remaining')
    if (remaining !== null) this.lastRemaining.set(workspaceId, remaining)
    if (status !== 429 && remaining !== 0) return
    await this.blockUntil(workspaceId, retryAtFrom(headers, this.clock()))
  }

  /** Blocks the workspace for every instance until `until` (a later block wins). */
  async blockUntil(workspaceId: string, until: Date): Promise<void> {
    const untilMs = until.getTime()
    if (untilMs > (this.blocked.get(workspaceId) ?? 0)) this.blocked.set(workspaceId, untilMs)
    this.batches.delete(workspaceId)
    this.backgroundBatches.delete(workspaceId)
    const window = new Date(Math.floor(this.clock() / WINDOW_MS) * WINDOW_MS)
    await sql`
      insert into intercom_rate_limits as r (workspace_id, window_start, blocked_until)
      values (${workspaceId}, ${window}, ${until})
      on conflict (workspace_id) do update set
        blocked_until = greatest(coalesce(r.blocked_until, excluded.blocked_until), excluded.blocked_until),
        updated_at = now()
    `.execute(this.db)
  }

  /** For metrics: how much of this window's budget is used, and whether Intercom blocked us. */
  async headroom(workspaceId: string): Promise<RateLimitHeadroom> {
    const row = await this.db
      .selectFrom('intercom_rate_limits')
      .select(['window_start', 'used', 'blocked_until'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()
    const now = this.clock()
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS
    const current = row && new Date(row.window_start).getTime() === windowStart
    const blockedUntil = row?.blocked_until ? new Date(row.blocked_until) : null
    return {
      budgetPerWindow: this.budgetPerWindow,
      usedThisWindow: current ? row.used : 0,
      blockedUntil: blockedUntil && blockedUntil.getTime() > now ? blockedUntil : null,
      lastRemaining: this.lastRemaining.get(workspaceId) ?? null,
    }
  }
}

/** When to try again after a 429: X-RateLimit-Reset (Unix seconds), else Retry-After, else 10 s. */
export function retryAtFrom(headers: HeaderSource, now: number): Date {
  const reset = numberHeader(headers, 'x-ratelimit-reset')
  if (reset !== null && reset * 1000 > now) return new Date(reset * 1000)
  const retryAfter = numberHeader(headers, 'retry-after')
  if (retryAfter !== null && retryAfter > 0) return new Date(now + retryAfter * 1000)
  return new Date(now + WINDOW_MS)
}

function numberHeader(headers: HeaderSource, name: string): number | null {
  let value: string | string[] | null | undefined
  if (headers instanceof Headers) value = headers.get(name)
  else {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
    value = key === undefined ? undefined : headers[key]
  }
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text === null || text.trim() === '') return null
  const number = Number(text)
  return Number.isFinite(number) ? number : null
}
