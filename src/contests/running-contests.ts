import { type CardChanges, contestsTag } from '../ledger/card-changes.js'
import type { Db } from '../ledger/db-types.js'
import { type Contest, toContest } from './contests.js'

/** How long an instance trusts what it read about a campaign's running contest. */
const FRESH_MS = 5_000
/** setTimeout's longest delay; a later boundary is waited for in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

export interface RunningContests {
  /** The contest running on a campaign now, or null; read at most every few seconds per campaign. */
  of(workspaceId: string, campaignId: string): Promise<Contest | null>
  /**
   * True when this memory follows the card cache's changes (and the clock's contest starts and
   * ends), so an answer showing what it says may be kept until one of them.
   */
  readonly followsChanges: boolean
}

interface Known {
  readonly contest: Contest | null
  readonly readAt: number
  readonly token: number
  /** The next start or end of one of the campaign's contests (what the card shows then changes). */
  readonly until: number
  readonly timer: NodeJS.Timeout | null
}

/**
 * The card asks on every view whether a contest runs; nearly always none does. One answer per
 * campaign is kept, so a card served from the card cache costs no database round trip for it.
 * With `changes` (the card cache) it is kept until a notification says the campaign's contests
 * changed or one of them starts or ends on the clock (a timer tells `changes` then, so answers
 * kept with cards go too); without, for a few seconds. A contest that ends is never shown (its
 * end is checked on every use). Created per app by src/server.ts, never shared by module.
 */
export function runningContests(
  db: Db,
  now: () => number = Date.now,
  changes: CardChanges | null = null,
): RunningContests {
  const known = new Map<string, Known>()
  const trusted = (hit: Known, tag: string, at: number) =>
    at < hit.until &&
    (changes?.listening ? !changes.changedSince(tag, hit.token) : at - hit.readAt < FRESH_MS)
  return {
    followsChanges: changes !== null,
    async of(workspaceId, campaignId) {
      const key = `${workspaceId}\u0000${campaignId}`
      const tag = contestsTag(campaignId)
      const at = now()
      const hit = known.get(key)
      if (hit && trusted(hit, tag, at))
        return hit.contest &&
          hit.contest.endsAt.getTime() > at &&
          hit.contest.startsAt.getTime() <= at
          ? hit.contest
          : null
      const token = changes?.begin() ?? 0
      const { contest, until } = await contestsAhead(db, workspaceId, campaignId, at)
      const previous = known.get(key)
      if (previous?.timer) clearTimeout(previous.timer)
      if (known.size >= 10_000) {
        for (const entry of known.values()) if (entry.timer) clearTimeout(entry.timer)
        known.clear()
      }
      let timer: NodeJS.Timeout | null = null
      if (changes && Number.isFinite(until)) {
        timer = setTimeout(
          () => changes.expire(tag),
          Math.min(Math.max(until - now(), 0), LONGEST_TIMER_MS),
        )
        timer.unref()
      }
      known.set(key, { contest, readAt: at, token, until, timer })
      return contest
    },
  }
}

/**
 * In one read: the contest running on the campaign at `at` (as runningContestOf picks it: the one
 * ending first), and the next instant one of its unfrozen contests starts or ends (Infinity: none).
 */
async function contestsAhead(
  db: Db,
  workspaceId: string,
  campaignId: string,
  at: number,
): Promise<{ contest: Contest | null; until: number }> {
  const rows = await db
    .selectFrom('contests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('frozen_at', 'is', null)
    .where('ends_at', '>', new Date(at))
    .orderBy('ends_at')
    .execute()
  let contest: Contest | null = null
  let until = Number.POSITIVE_INFINITY
  for (const row of rows) {
    const each = toContest(row)
    const starts = each.startsAt.getTime()
    if (starts <= at) contest ??= each
    until = Math.min(until, starts > at ? starts : each.endsAt.getTime())
  }
  return { contest, until }
}
