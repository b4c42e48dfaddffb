import { describe, expect, it } from 'vitest'
import { type CallPriority, IntercomRateLimiter } from '../../src/intercom/rate-limiter.js'
import { freshDatabase, newWorkspaceId } from '../support/db.js'

const database = await freshDatabase()
// The middle of a 10-second window; the clock moves only when a test moves it.
const START = 1_800_000_003_000

function instance(clock: () => number) {
  return new IntercomRateLimiter(database.db, { limitPerMinute: 600, batchSize: 4, clock })
}

async function take(sut: IntercomRateLimiter, workspaceId: string, priority: CallPriority) {
  let taken = 0
  while ((await sut.tryAcquire(workspaceId, priority)) === 0) taken += 1
  return taken
}

// The install backfill must never delay what a person is waiting for (a referrer's attributes, a
// "friend joined" event, an agent's note): it only uses what live calls leave.
describe('IntercomRateLimiter priorities', () => {
  it('a backfill that takes all it can still leaves a reserve that live calls get at once', async () => {
    let now = START
    const backfill = instance(() => now)
    const live = instance(() => now)
    const workspaceId = newWorkspaceId()
    expect(backfill.budgetPerWindow).toBe(95)
    const background = await take(backfill, workspaceId, 'background')
    expect(background).toBe(95 - Math.ceil(95 * 0.25))
    // Live calls in the same window: the reserve is theirs, straight away.
    expect(await take(live, workspaceId, 'live')).toBe(95 - background)
    now += 10_000
    expect(await backfill.tryAcquire(workspaceId, 'background')).toBeGreaterThan(0)
  })

  it('after live calls found a window spent, the next window is all theirs', async () => {
    let now = START
    const backfill = instance(() => now)
    const live = instance(() => now)
    const workspaceId = newWorkspaceId()
    await take(backfill, workspaceId, 'background')
    await take(live, workspaceId, 'live')
    // Live demand outran the window (it asked once more and was told to wait).
    expect(await live.tryAcquire(workspaceId, 'live')).toBeGreaterThan(0)
    now += 10_000
    // A new window: the backfill gets nothing while live calls take the whole budget.
    expect(await backfill.tryAcquire(workspaceId, 'background')).toBeGreaterThan(0)
    expect(await take(live, workspaceId, 'live')).toBe(95)
    // Once live calls stop going short for a window, the backfill resumes.
    now += 20_000
    expect(await take(backfill, workspaceId, 'background')).toBe(95 - 24)
  })

  it('live calls alone may use the whole budget, as before', async () => {
    const live = instance(() => START)
    expect(await take(live, newWorkspaceId(), 'live')).toBe(95)
  })
})
