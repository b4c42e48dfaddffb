import { randomInt } from 'node:crypto'
import { connectDatabase } from '../db/connect.js'
import { contestInput } from '../src/contests/contest-settings.js'
import { createContest } from '../src/contests/contests.js'
import { leaderboardTop, standingOf } from '../src/contests/leaderboard.js'
import { instantToLocalTime } from '../src/contests/time-zone.js'
import { getDefaultCampaign } from '../src/ledger/campaigns.js'
import { referrerViewOfContact } from '../src/ledger/referrer-view.js'
import type { Figure } from './report.js'
import { notAvailable, numberFromEnv, round } from './scenario-support.js'
import type { ScenarioContext } from './scenario-support.js'
import { BENCH_WORKSPACE } from './seed.js'

const SCENARIO = 'contests'
const DAY = 86_400_000

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
}

async function timed(times: number, run: (i: number) => Promise<unknown>) {
  const ms: number[] = []
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint()
    await run(i)
    ms.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) }
}

/**
 * The leaderboard of a contest over every seeded referral: the card's rank read (one referrer's
 * place and gap) and the sheet's top 10, against the floor of the card's own read (the one
 * statement behind an uncached card), measured alike in the same run, on random referrers. The
 * seed gives every referrer the same score, reached one after another over a day: every place is
 * decided by the tie order, and a place's read sums the hours before it and counts those level
 * with it in its own hour (about 1 in 22 of the board).
 */
export async function contestScenario(ctx: ScenarioContext): Promise<Figure[]> {
  const reads = Math.floor(numberFromEnv('BENCH_CONTEST_READS', 2_000))
  if (reads <= 0) return [notAvailable(SCENARIO, 'BENCH_CONTEST_READS is 0')]
  const handle = await connectDatabase(ctx.target)
  try {
    const { db } = handle
    const campaign = await getDefaultCampaign(db, BENCH_WORKSPACE)
    const zone = 'Europe/Berlin'
    const createdAt = process.hrtime.bigint()
    const contest = await createContest(
      db,
      BENCH_WORKSPACE,
      contestInput.parse({
        name: 'Benchmark contest',
        campaignId: campaign.id,
        // From well before the seed (a database seeded days ago still counts), to tomorrow.
        startsAt: instantToLocalTime(new Date(Date.now() - 30 * DAY), zone),
        endsAt: instantToLocalTime(new Date(Date.now() + DAY), zone),
        timeZone: zone,
        topN: 10,
        topPrize: { kind: 'points', points: 100 },
      }),
      { type: 'system', id: 'bench' },
    )
    const rankingSeconds = Number(process.hrtime.bigint() - createdAt) / 1e9
    try {
      const referrers = await db
        .selectFrom('contest_standings')
        .innerJoin('participants', 'participants.id', 'contest_standings.participant_id')
        .select(['contest_standings.referrer_id', 'participants.contact_id'])
        .where('contest_standings.contest_id', '=', contest.id)
        .execute()
      if (referrers.length === 0) return [notAvailable(SCENARIO, 'no seeded referrer is ranked')]
      const pick = () => referrers[randomInt(referrers.length)]!
      const warm = Math.min(200, reads)
      await timed(warm, () => standingOf(db, BENCH_WORKSPACE, contest.id, pick().referrer_id))
      const floor = await timed(reads, () =>
        referrerViewOfContact(db, {
          workspaceId: BENCH_WORKSPACE,
          campaignId: null,
          person: { contactId: pick().contact_id },
        }),
      )
      const rank = await timed(reads, () =>
        standingOf(db, BENCH_WORKSPACE, contest.id, pick().referrer_id),
      )
      const top = await timed(reads, () => leaderboardTop(db, BENCH_WORKSPACE, contest.id, 10))
      ctx.log(
        `${SCENARIO}: ${referrers.length} ranked; floor p99 ${round(floor.p99, 2)} ms, rank p99 ${round(rank.p99, 2)} ms, top 10 p99 ${round(top.p99, 2)} ms`,
      )
      const ratio = (value: number) => round(value / Math.max(floor.p99, 0.001), 2)
      const label = `${ctx.rows.toLocaleString('en')} referrals, ${referrers.length.toLocaleString('en')} referrers ranked`
      return [
        {
          name: `contest floor: the card's own read (one statement, uncached), p99 over ${reads} random referrers (p50 ${round(floor.p50, 2)} ms)`,
          value: round(floor.p99, 2),
          unit: 'ms',
          target: '',
          met: null,
        },
        {
          name: `contest rank read for the card (place and gap; ${label}): p99 / floor p99 (p99 ${round(rank.p99, 2)} ms, p50 ${round(rank.p50, 2)} ms)`,
          value: ratio(rank.p99),
          unit: '×',
          target: '≤ 1 × the card read',
          met: rank.p99 <= floor.p99,
        },
        {
          name: `contest top 10 for the sheet: p99 / floor p99 (p99 ${round(top.p99, 2)} ms, p50 ${round(top.p50, 2)} ms)`,
          value: ratio(top.p99),
          unit: '×',
          target: '≤ 1 × the card read',
          met: top.p99 <= floor.p99,
        },
        {
          name: `contest created over ${label}: ranking what already counts (one statement)`,
          value: round(rankingSeconds, 2),
          unit: 's',
          target: '',
          met: null,
        },
      ]
    } finally {
      await db.deleteFrom('contests').where('id', '=', contest.id).execute()
    }
  } finally {
    await handle.close()
  }
}
