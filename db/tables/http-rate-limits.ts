/** One per-IP request counter of one limiter, shared by every app instance. */
export interface HttpRateLimitsTable {
  key: string
  hits: number
  reset_at: Date
}
