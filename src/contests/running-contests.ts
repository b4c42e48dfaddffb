import type { Db } from '../ledger/db-types.js'
import { type Contest, runningContestOf } from './contests.js'

/** How long an instance trusts what it read about a campaign's running contest. */
const FRESH_MS = 5_000

export interface RunningContests {
  /** The contest running on a campaign now, or null; read at most every few seconds per campaign. */
  of(workspaceId: string, campaignId: string): Promise<Contest | null>
}

/**
 * The card asks on every view whether a contest runs; nearly always none does. One answer per
 * campaign is kept for a few seconds, so a card served from the card cache costs no database round
 * trip for it; a contest that starts shows within seconds, and one that ends is never shown (its
 * end is checked on every use). Created per app by the routes that use it, never shared by module.
 */
export function runningContests(db: Db, now: () => number = Date.now): RunningContests {
  const known = new Map<string, { contest: Contest | null; readAt: number }>()
  return {
    async of(workspaceId, campaignId) {
      const key = `${workspaceId}\u0000${campaignId}`
      const at = now()
      const hit = known.get(key)
      if (hit && at - hit.readAt < FRESH_MS)
        return hit.contest &&
          hit.contest.endsAt.getTime() > at &&
          hit.contest.startsAt.getTime() <= at
          ? hit.contest
          : null
      const contest = await runningContestOf(db, workspaceId, campaignId, new Date(at))
      if (known.size >= 10_000) known.clear()
      known.set(key, { contest, readAt: at })
      return contest
    },
  }
}
