import type { Generated, Selectable } from 'kysely'

/** The shared Intercom call budget of one workspace, in Intercom's 10-second windows. */
export interface IntercomRateLimitsTable {
  workspace_id: string
  window_start: Date
  /** Calls claimed in this window by all instances together. */
  used: Generated<number>
  /** What the latest claim was granted (read back by the claiming statement itself). */
  last_grant: Generated<number>
  /** Set from a 429 or X-RateLimit-Remaining: 0; nobody calls before it. */
  blocked_until: Date | null
  /** When a live call last found the window spent: background work stays out for a window. */
  live_short_at: Date | null
  updated_at: Generated<Date>
}

export type IntercomRateLimitRow = Selectable<IntercomRateLimitsTable>
