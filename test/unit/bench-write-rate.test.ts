import { describe, expect, it } from 'vitest'
import { writeRate } from '../../bench/write-rate.js'

const W = 10_000
// A window boundary well away from zero, like Date.now().
const T0 = 1_700_000_000_000

/** `count` writes spread evenly over [from, to) milliseconds. */
function spread(count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, (_, i) => from + Math.floor(((to - from) * i) / count))
}

describe('bench write rate over busy 10-second windows', () => {
  it('counts only the windows busy from start to end: 1,500 a window is 90 % of 10,000/min', () => {
    const writes = [
      ...spread(300, T0 + 8_000, T0 + W), // start-up tail of window 0
      ...spread(1_500, T0 + W, T0 + 2 * W),
      ...spread(1_500, T0 + 2 * W, T0 + 3 * W),
      ...spread(200, T0 + 3 * W, T0 + 3 * W + 1_000), // the backlog runs out in window 3
    ]
    const rate = writeRate(writes, { stoppedAt: T0 + 3 * W + 5_000, backlogAtStop: false })
    expect(rate?.busyWindows).toBe(2)
    expect(rate?.writesPerSecond).toBe(150)
    expect(Math.round((rate?.share ?? 0) * 1000)).toBe(900)
  })

  it('with writes still queued at the stop, the stop window closes the range', () => {
    const writes = [...spread(50, T0 + 5_000, T0 + W), ...spread(200, T0 + W, T0 + 2 * W)]
    // Stalled after window 1 although contacts were waiting: windows 1-3 were all busy.
    const rate = writeRate(writes, { stoppedAt: T0 + 4 * W + 100, backlogAtStop: true })
    expect(rate?.busyWindows).toBe(3)
    expect(rate?.writesPerSecond).toBeCloseTo(200 / 30, 5)
    expect(rate?.share).toBeCloseTo(200 / 3 / (10_000 / 6), 5)
  })

  it('falls back to first-to-last write when no whole window was busy', () => {
    const writes = spread(100, T0 + 1_000, T0 + 6_000)
    const rate = writeRate(writes, { stoppedAt: T0 + 7_000, backlogAtStop: false })
    expect(rate?.busyWindows).toBe(0)
    expect(rate?.writesPerSecond).toBeGreaterThan(19)
    expect(rate?.writesPerSecond).toBeLessThan(21)
  })

  it('has no rate without writes', () => {
    expect(writeRate([], { stoppedAt: T0, backlogAtStop: true })).toBeNull()
  })
})
