const WINDOW_MS = 10_000

/**
 * Intercom's budget: `perMinute` calls, enforced as perMinute/6 in 10-second windows. Also the
 * failures a test can force (429 for a while or a number of calls, 5xx, hung requests).
 */
export class FakeRateLimit {
  private windowStart = 0
  private used = 0
  private forced429Until = 0
  private forced429Count = 0
  private forced5xx: number[] = []
  private forcedTimeouts = 0

  constructor(
    public perMinute: number,
    private readonly now: () => number,
  ) {}

  get perWindow(): number {
    return Math.max(1, Math.floor(this.perMinute / 6))
  }

  /** Counts one call; returns the headers to send and whether the call is over budget. */
  take(): { headers: Record<string, string>; limited: boolean } {
    const now = this.now()
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart
      this.used = 0
    }
    let resetMs = windowStart + WINDOW_MS
    let limited = false
    if (now < this.forced429Until) {
      limited = true
      resetMs = this.forced429Until
    } else if (this.forced429Count > 0) {
      this.forced429Count -= 1
      limited = true
    } else if (this.used >= this.perWindow) {
      limited = true
    } else {
      this.used += 1
    }
    const remaining = limited ? 0 : this.perWindow - this.used
    return {
      limited,
      headers: {
        'X-RateLimit-Limit': String(this.perMinute),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
      },
    }
  }

  /** The headers of the current window without counting a call (for refused requests). */
  peek(): Record<string, string> {
    const now = this.now()
    const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS
    const used = windowStart === this.windowStart ? this.used : 0
    return {
      'X-RateLimit-Limit': String(this.perMinute),
      'X-RateLimit-Remaining': String(Math.max(0, this.perWindow - used)),
      'X-RateLimit-Reset': String(Math.ceil((windowStart + WINDOW_MS) / 1000)),
    }
  }

  force429(spec: { forMs: number } | { count: number }): void {
    if ('forMs' in spec) this.forced429Until = this.now() + spec.forMs
    else this.forced429Count += spec.count
  }

  force5xx(count: number, status = 500): void {
    for (let i = 0; i < count; i += 1) this.forced5xx.push(status)
  }

  forceTimeout(count: number): void {
    this.forcedTimeouts += count
  }

  next5xx(): number | undefined {
    return this.forced5xx.shift()
  }

  nextTimeout(): boolean {
    if (this.forcedTimeouts <= 0) return false
    this.forcedTimeouts -= 1
    return true
  }

  clear(): void {
    this.forced429Until = 0
    this.forced429Count = 0
    this.forced5xx = []
    this.forcedTimeouts = 0
  }
}
