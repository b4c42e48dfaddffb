import type { Db } from '../ledger/db-types.js'
import { standingOf } from './leaderboard.js'
import { runningContestOf } from './contests.js'
import type { RunningContests } from './running-contests.js'

/** What the Messenger card and the Inbox panel show of a running contest for one referrer. */
export interface ReferrerContest {
  readonly contestId: string
  readonly contestName: string
  readonly rank: number | null
  readonly gap: number | null
  readonly score: number
}

/** Null when no contest runs on the campaign (the usual case costs no database round trip). */
export async function referrerContest(
  db: Db,
  contests: RunningContests | null | undefined,
  input: { workspaceId: string; campaignId: string; referrerId: string },
): Promise<ReferrerContest | null> {
  const contest = contests
    ? await contests.of(input.workspaceId, input.campaignId)
    : await runningContestOf(db, input.workspaceId, input.campaignId)
  if (!contest) return null
  const standing = await standingOf(db, input.workspaceId, contest.id, input.referrerId)
  return {
    contestId: contest.id,
    contestName: contest.name,
    rank: standing?.rank ?? null,
    gap: standing?.gap ?? null,
    score: standing?.score ?? 0,
  }
}
