import { describe, expect, it } from 'vitest'
import { IntercomApiError, IntercomRateLimitedError } from '../../src/intercom/api-types.js'
import { waitOutRateLimits } from '../../src/intercom/wait-out-rate-limit.js'

/** A clock that only moves when the code under test sleeps. */
function clock() {
  let now = 1_000_000
  const slept: number[] = []
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms)
      now += ms
    },
  }
}

describe('waiting out a 429 in place', () => {
  it("waits until each 429's reset and runs the call again, until it answers", async () => {
    const c = clock()
    let calls = 0
    const result = await waitOutRateLimits(
      async () => {
        calls += 1
        if (calls <= 2) throw new IntercomRateLimitedError(new Date(c.now() + 7_000))
        return 'listed'
      },
      { maxWaitMs: 60_000, now: c.now, sleep: c.sleep },
    )
    expect(result).toBe('listed')
    expect(calls).toBe(3)
    expect(c.slept).toEqual([7_000, 7_000])
  })

  it('throws the 429 whose reset falls past the longest wait, for the caller to retry later', async () => {
    const c = clock()
    const late = new IntercomRateLimitedError(new Date(c.now() + 61_000))
    await expect(
      waitOutRateLimits(
        async () => {
          throw late
        },
        { maxWaitMs: 60_000, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBe(late)
    expect(c.slept).toEqual([])
  })

  it('counts the waits already made against the longest wait', async () => {
    const c = clock()
    let calls = 0
    await expect(
      waitOutRateLimits(
        async () => {
          calls += 1
          throw new IntercomRateLimitedError(new Date(c.now() + 25_000))
        },
        { maxWaitMs: 60_000, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBeInstanceOf(IntercomRateLimitedError)
    expect(c.slept).toEqual([25_000, 25_000])
    expect(calls).toBe(3)
  })

  it('passes any other failure straight through, without waiting', async () => {
    const c = clock()
    const refused = new IntercomApiError('Internal server error', 500, true)
    await expect(
      waitOutRateLimits(
        async () => {
          throw refused
        },
        { maxWaitMs: 60_000, now: c.now, sleep: c.sleep },
      ),
    ).rejects.toBe(refused)
    expect(c.slept).toEqual([])
  })
})
