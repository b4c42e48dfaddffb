import { describe, expect, it, vi } from 'vitest'
import { IntercomRateLimitedError } from '../../src/intercom/api-types.js'
import { IntercomRateLimiter, retryAtFrom } from '../../src/intercom/rate-limiter.js'
import { freshDatabase, newWorkspaceId } from '../support/db.js'

const database = await freshDatabase()
// A fixed instant in the middle of a 10-second window: nothing here depends on the wall clock.
const NOW = 1_800_000_003_000

function instance(clock = () => NOW) {
  return new IntercomRateLimiter(database.db, { limitPerMinute: 600, batchSize: 4, clock })
}

async function takeAll(sut: IntercomRateLimiter, workspaceId: string): Promise<number> {
  let taken = 0
  while ((await sut.tryAcquire(workspaceId)) === 0) taken += 1
  return taken
}

describe('IntercomRateLimiter', () => {
  describe('tryAcquire', () => {
    it('keeps one instance under 95 % of limit/6 per 10-second window', async () => {
      const sut = instance()
      const workspaceId = newWorkspaceId()
      expect(sut.budgetPerWindow).toBe(95)
      expect(await takeAll(sut, workspaceId)).toBe(95)
      expect(await sut.tryAcquire(workspaceId)).toBe(7_000)
      const headroom = await sut.headroom(workspaceId)
      expect(headroom).toMatchObject({
        budgetPerWindow: 95,
        usedThisWindow: 95,
        blockedUntil: null,
      })
    })

    it('claims the next batch while a quarter of the one in hand is left, and adds it', async () => {
      const sut = instance()
      const workspaceId = newWorkspaceId()
      // A batch of 4: the third call leaves one, so the next claim starts before the batch is out.
      for (let call = 0; call < 3; call++) expect(await sut.tryAcquire(workspaceId)).toBe(0)
      await vi.waitFor(async () => expect((await sut.headroom(workspaceId)).usedThisWindow).toBe(8))
      // The one left and the four claimed ahead, then the window's budget as before.
      expect(await takeAll(sut, workspaceId)).toBe(92)
      expect((await sut.headroom(workspaceId)).usedThisWindow).toBe(95)
    })

    it('shares one budget between two instances on the same database', async () => {
      const a = instance()
      const b = instance()
      const workspaceId = newWorkspaceId()
      let takenA = 0
      let takenB = 0
      for (;;) {
        const [waitA, waitB] = [await a.tryAcquire(workspaceId), await b.tryAcquire(workspaceId)]
        if (waitA === 0) takenA += 1
        if (waitB === 0) takenB += 1
        if (waitA > 0 && waitB > 0) break
      }
      expect(takenA + takenB).toBe(95)
      expect(takenA).toBeGreaterThan(0)
      expect(takenB).toBeGreaterThan(0)
    })

    it('never grants more than the budget to instances claiming at the same time', async () => {
      const instances = [instance(), instance(), instance(), instance()]
      const workspaceId = newWorkspaceId()
      const waits = await Promise.all(
        Array.from({ length: 160 }, (_, i) => instances[i % 4]!.tryAcquire(workspaceId)),
      )
      const granted = waits.filter((wait) => wait === 0).length
      expect(granted).toBeLessThanOrEqual(95)
      // Calls an instance claimed ahead and had no caller for yet are its next callers': nothing
      // of the window's budget is lost, and nothing is granted twice.
      let later = 0
      for (const sut of instances) later += await takeAll(sut, workspaceId)
      expect(granted + later).toBe(95)
    })

    it('gives a new window a fresh budget', async () => {
      let now = NOW
      const sut = instance(() => now)
      const workspaceId = newWorkspaceId()
      expect(await takeAll(sut, workspaceId)).toBe(95)
      now += 10_000
      expect(await takeAll(sut, workspaceId)).toBe(95)
    })

    it('keeps each workspace on its own budget', async () => {
      const sut = instance()
      const first = newWorkspaceId()
      expect(await takeAll(sut, first)).toBe(95)
      expect(await sut.tryAcquire(newWorkspaceId())).toBe(0)
    })
  })

  describe('observe', () => {
    it('makes every instance wait until the reset after a 429', async () => {
      const a = instance()
      const b = instance()
      const workspaceId = newWorkspaceId()
      expect(await a.tryAcquire(workspaceId)).toBe(0)
      const reset = String((NOW + 30_000) / 1000)
      await a.observe(
        workspaceId,
        new Headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }),
        429,
      )
      // a had calls left in its batch; the 429 voids them.
      expect(await a.tryAcquire(workspaceId)).toBe(30_000)
      expect(await b.tryAcquire(workspaceId)).toBe(30_000)
      expect((await b.headroom(workspaceId)).blockedUntil?.getTime()).toBe(NOW + 30_000)
      const later = instance(() => NOW + 30_000)
      expect(await later.tryAcquire(workspaceId)).toBe(0)
    })

    it('also waits when Intercom says nothing remains, and ignores healthy headers', async () => {
      const a = instance()
      const b = instance()
      const workspaceId = newWorkspaceId()
      await a.observe(workspaceId, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1' }, 200)
      expect(await b.tryAcquire(workspaceId)).toBe(0)
      await a.observe(
        workspaceId,
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String((NOW + 5_000) / 1000) },
        200,
      )
      expect(await instance().tryAcquire(workspaceId)).toBe(5_000)
      expect((await a.headroom(workspaceId)).lastRemaining).toBe(0)
    })
  })

  describe('acquire', () => {
    it('throws IntercomRateLimitedError with the retry time when the wait is too long', async () => {
      const sut = instance()
      const workspaceId = newWorkspaceId()
      await sut.blockUntil(workspaceId, new Date(NOW + 60_000))
      const error = await sut.acquire(workspaceId, 1_000).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IntercomRateLimitedError)
      expect((error as IntercomRateLimitedError).retryAt.getTime()).toBe(NOW + 60_000)
    })
  })

  describe('retryAtFrom', () => {
    it.each([
      ['X-RateLimit-Reset', { 'x-ratelimit-reset': String((NOW + 4_000) / 1000) }, NOW + 4_000],
      ['Retry-After', { 'retry-after': '7' }, NOW + 7_000],
      [
        'a reset in the past, then Retry-After',
        { 'x-ratelimit-reset': '1', 'retry-after': '2' },
        NOW + 2_000,
      ],
      ['nothing: the next window', {}, NOW + 10_000],
    ])('reads %s', (_label, headers, expected) => {
      expect(retryAtFrom(headers, NOW).getTime()).toBe(expected)
    })
  })
})
