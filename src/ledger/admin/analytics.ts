import { sql } from 'kysely'
import type { Db } from '../db-types.js'
import { referrersWithPrimaryCode } from '../primary-code-joins.js'

export interface AnalyticsRange {
  readonly campaignId?: string | null
  /** Inclusive first day and exclusive end, UTC. */
  readonly from: Date
  readonly to: Date
}

export interface DayPoint {
  readonly day: string
  readonly clicks: number
  readonly signUps: number
  readonly qualified: number
  readonly rewardsIssued: number
}

export interface Analytics {
  readonly from: string
  readonly to: string
  readonly totals: {
    readonly clicks: number
    readonly signUps: number
    readonly qualified: number
    /** qualified / sign-ups in the range, 0..1; 0 with no sign-ups. */
    readonly conversionRate: number
    readonly rewardsIssued: number
  }
  readonly leaderboard: {
    readonly referrerId: string
    readonly code: string
    readonly name: string | null
    readonly email: string | null
    readonly referralCount: number
    readonly convertedCount: number
    readonly clickCount: number
  }[]
  readonly sources: {
    readonly source: string
    readonly signUps: number
    readonly qualified: number
  }[]
  readonly series: DayPoint[]
}

type DayCount = { day: string; n: number }

const DAY_MS = 86_400_000

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Counts per day of one timestamp column, within the range (UTC days). */
async function perDay(
  db: Db,
  table: 'link_clicks' | 'referrals' | 'rewards',
  column: 'clicked_at' | 'created_at' | 'qualified_at',
  workspaceId: string,
  range: AnalyticsRange,
  extra = sql``,
): Promise<Map<string, number>> {
  const campaign = range.campaignId ? sql`and campaign_id = ${range.campaignId}` : sql``
  const result = await sql<DayCount>`
    select to_char(date_trunc('day', ${sql.ref(column)} at time zone 'UTC'), 'YYYY-MM-DD') as day,
           count(*)::int as n
      from ${sql.table(table)}
     where workspace_id = ${workspaceId} ${campaign} ${extra}
       and ${sql.ref(column)} >= ${range.from} and ${sql.ref(column)} < ${range.to}
     group by 1`.execute(db)
  return new Map(result.rows.map((row) => [row.day, Number(row.n)]))
}

function total(counts: Map<string, number>): number {
  let sum = 0
  for (const n of counts.values()) sum += n
  return sum
}

/** The program at a glance: totals, top referrers, sources and a daily series over the range. */
export async function campaignAnalytics(
  db: Db,
  workspaceId: string,
  range: AnalyticsRange,
): Promise<Analytics> {
  const clicks = await perDay(db, 'link_clicks', 'clicked_at', workspaceId, range)
  const signUps = await perDay(db, 'referrals', 'created_at', workspaceId, range)
  const qualified = await perDay(
    db,
    'referrals',
    'qualified_at',
    workspaceId,
    range,
    sql`and status = 'qualified'`,
  )
  const rewards = await perDay(
    db,
    'rewards',
    'created_at',
    workspaceId,
    range,
    sql`and status not in ('declined', 'reversed')`,
  )

  // The leaderboard reads the counters kept on referrers, not a count over referrals.
  let leaders = referrersWithPrimaryCode(db, workspaceId)
    .select([
      'referrers.id',
      'referral_codes.code',
      'participants.name',
      'participants.email',
      'referrers.referral_count',
      'referrers.converted_count',
      'referrers.click_count',
    ])
    .where('referrers.referral_count', '>', 0)
  if (range.campaignId) leaders = leaders.where('referrers.campaign_id', '=', range.campaignId)
  const leaderRows = await leaders
    .orderBy('referrers.converted_count', 'desc')
    .orderBy('referrers.referral_count', 'desc')
    .orderBy('referrers.id')
    .limit(10)
    .execute()

  let sourcesQuery = db
    .selectFrom('referrals')
    .select((eb) => [
      'source',
      eb.fn.countAll<number>().as('sign_ups'),
      sql<number>`count(*) filter (where status = 'qualified')`.as('qualified'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
  if (range.campaignId) sourcesQuery = sourcesQuery.where('campaign_id', '=', range.campaignId)
  const sourceRows = await sourcesQuery.groupBy('source').orderBy('sign_ups', 'desc').execute()

  const series: DayPoint[] = []
  for (let at = range.from.getTime(); at < range.to.getTime(); at += DAY_MS) {
    const day = dayKey(new Date(at))
    series.push({
      day,
      clicks: clicks.get(day) ?? 0,
      signUps: signUps.get(day) ?? 0,
      qualified: qualified.get(day) ?? 0,
      rewardsIssued: rewards.get(day) ?? 0,
    })
  }
  const totalSignUps = total(signUps)
  const totalQualified = total(qualified)
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totals: {
      clicks: total(clicks),
      signUps: totalSignUps,
      qualified: totalQualified,
      conversionRate: totalSignUps === 0 ? 0 : Math.min(1, totalQualified / totalSignUps),
      rewardsIssued: total(rewards),
    },
    leaderboard: leaderRows.map((row) => ({
      referrerId: row.id,
      code: row.code,
      name: row.name,
      email: row.email,
      referralCount: row.referral_count,
      convertedCount: row.converted_count,
      clickCount: row.click_count,
    })),
    sources: sourceRows.map((row) => ({
      source: row.source,
      signUps: Number(row.sign_ups),
      qualified: Number(row.qualified),
    })),
    series,
  }
}

/** The last `days` whole UTC days up to and including today. */
export function lastDays(days: number, now = new Date()): { from: Date; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return { from: new Date(today - (days - 1) * DAY_MS), to: new Date(today + DAY_MS) }
}
