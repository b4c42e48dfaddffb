import { sql } from 'kysely'
import type { Db } from '../db-types.js'
import { referrersWithPrimaryCode } from '../primary-code-joins.js'
import { SHARE_CHANNELS, type ShareChannel } from '../share-events.js'
import { dayInZone, dayStartInZone, nextDay } from './zone-days.js'

export interface AnalyticsRange {
  readonly campaignId?: string | null
  /** Inclusive start of the first day and exclusive end of the last, in `timeZone`. */
  readonly from: Date
  readonly to: Date
  /** The IANA zone days are counted in (the workspace's); UTC when not given. */
  readonly timeZone?: string
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
  /** The IANA zone the days are counted in. */
  readonly timeZone: string
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
  /** Link views (share sheet opened) → clicks → friends joined → converted, over the range. */
  readonly funnel: FunnelStep[]
  /** The same steps per campaign (every campaign, or the one filtered on). */
  readonly campaigns: CampaignFigures[]
  /** Paid invoices of referred friends, per currency (amounts in minor units, never summed across). */
  readonly revenue: { stripeConnected: boolean; currencies: CurrencyRevenue[] }
  /** Referrers' uses of each share channel (once per referrer, channel and day). */
  readonly channels: { channel: ShareChannel; shares: number }[]
}

export type FunnelStepKey = 'linkViews' | 'clicks' | 'joined' | 'converted'

export interface FunnelStep {
  readonly step: FunnelStepKey
  readonly count: number
  /** This step over the one before, 0..1 (may exceed 1 when people skip a step); null first or after 0. */
  readonly rateFromPrevious: number | null
}

export interface CampaignFigures {
  readonly campaignId: string
  readonly name: string
  readonly linkViews: number
  readonly clicks: number
  readonly joined: number
  readonly converted: number
}

export interface CurrencyRevenue {
  readonly currency: string
  readonly invoices: number
  readonly paidMinor: number
  /** Refunded or lost in disputes so far. */
  readonly lostMinor: number
}

type DayCount = { day: string; n: number }

/** Counts per day of one timestamp column, within the range (days in the range's zone). */
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
    select to_char(${sql.ref(column)} at time zone ${range.timeZone ?? 'UTC'}, 'YYYY-MM-DD') as day,
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

type CampaignCount = { campaign_id: string; n: number }

/** Counts per campaign of one timestamp column, within the range. */
async function perCampaign(
  db: Db,
  table: 'link_clicks' | 'referrals' | 'share_events',
  column: 'clicked_at' | 'created_at' | 'qualified_at',
  workspaceId: string,
  range: AnalyticsRange,
  extra = sql``,
): Promise<Map<string, number>> {
  const campaign = range.campaignId ? sql`and campaign_id = ${range.campaignId}` : sql``
  const result = await sql<CampaignCount>`
    select campaign_id, count(*)::int as n
      from ${sql.table(table)}
     where workspace_id = ${workspaceId} ${campaign} ${extra}
       and ${sql.ref(column)} >= ${range.from} and ${sql.ref(column)} < ${range.to}
     group by 1`.execute(db)
  return new Map(result.rows.map((row) => [row.campaign_id, Number(row.n)]))
}

/** Paid invoices of referred friends in the range, per currency (a campaign's: its referrals'). */
export async function revenueByCurrency(
  db: Db,
  workspaceId: string,
  range: AnalyticsRange,
): Promise<CurrencyRevenue[]> {
  let query = db
    .selectFrom('billing_invoices')
    .select((eb) => [
      'billing_invoices.currency',
      eb.fn.countAll<number>().as('invoices'),
      sql<string>`sum(billing_invoices.paid_minor)`.as('paid'),
      sql<string>`sum(billing_invoices.lost_minor)`.as('lost'),
    ])
    .where('billing_invoices.workspace_id', '=', workspaceId)
    .where('billing_invoices.paid_at', '>=', range.from)
    .where('billing_invoices.paid_at', '<', range.to)
  if (range.campaignId)
    query = query
      .innerJoin('referrals', (join) =>
        join
          .onRef('referrals.id', '=', 'billing_invoices.referral_id')
          .onRef('referrals.workspace_id', '=', 'billing_invoices.workspace_id'),
      )
      .where('referrals.campaign_id', '=', range.campaignId)
  const rows = await query
    .groupBy('billing_invoices.currency')
    .orderBy('billing_invoices.currency')
    .execute()
  return rows.map((row) => ({
    currency: row.currency,
    invoices: Number(row.invoices),
    paidMinor: Number(row.paid),
    lostMinor: Number(row.lost),
  }))
}

function rate(count: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null
  return count / previous
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
  const zone = range.timeZone ?? 'UTC'
  const lastDay = dayInZone(new Date(range.to.getTime() - 1), zone)
  for (let day = dayInZone(range.from, zone); day <= lastDay; day = nextDay(day)) {
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

  const qualifiedOnly = sql`and status = 'qualified'`
  const [viewsBy, clicksBy, joinedBy, convertedBy] = [
    await perCampaign(
      db,
      'share_events',
      'created_at',
      workspaceId,
      range,
      sql`and channel = 'sheet'`,
    ),
    await perCampaign(db, 'link_clicks', 'clicked_at', workspaceId, range),
    await perCampaign(db, 'referrals', 'created_at', workspaceId, range),
    await perCampaign(db, 'referrals', 'qualified_at', workspaceId, range, qualifiedOnly),
  ]
  let campaignsQuery = db
    .selectFrom('campaigns')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
  if (range.campaignId) campaignsQuery = campaignsQuery.where('id', '=', range.campaignId)
  const campaignRows = await campaignsQuery.orderBy('created_at').orderBy('id').execute()
  const campaigns = campaignRows.map((c) => ({
    campaignId: c.id,
    name: c.name,
    linkViews: viewsBy.get(c.id) ?? 0,
    clicks: clicksBy.get(c.id) ?? 0,
    joined: joinedBy.get(c.id) ?? 0,
    converted: convertedBy.get(c.id) ?? 0,
  }))
  const steps: [FunnelStepKey, number][] = [
    ['linkViews', total(viewsBy)],
    ['clicks', total(clicks)],
    ['joined', totalSignUps],
    ['converted', totalQualified],
  ]
  const funnel = steps.map(([step, count], i) => ({
    step,
    count,
    rateFromPrevious: rate(count, i === 0 ? null : steps[i - 1]![1]),
  }))

  const campaignFilter = range.campaignId ? sql`and campaign_id = ${range.campaignId}` : sql``
  const channelRows = await sql<{ channel: ShareChannel; n: number }>`
    select channel, count(*)::int as n
      from share_events
     where workspace_id = ${workspaceId} ${campaignFilter}
       and created_at >= ${range.from} and created_at < ${range.to}
     group by 1`.execute(db)
  const byChannel = new Map(channelRows.rows.map((row) => [row.channel, Number(row.n)]))
  const connection = await db
    .selectFrom('stripe_connections')
    .select('workspace_id')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    timeZone: zone,
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
    funnel,
    campaigns,
    revenue: {
      stripeConnected: connection !== undefined,
      currencies: await revenueByCurrency(db, workspaceId, range),
    },
    channels: SHARE_CHANNELS.map((channel) => ({ channel, shares: byChannel.get(channel) ?? 0 })),
  }
}

/** From one day to another, both included (YYYY-MM-DD), in a time zone. */
export function dayRange(
  from: string,
  to: string,
  timeZone = 'UTC',
): { from: Date; to: Date; timeZone: string } {
  return {
    from: dayStartInZone(from, timeZone),
    to: dayStartInZone(nextDay(to), timeZone),
    timeZone,
  }
}

/** The last `days` whole days up to and including today, in a time zone. */
export function lastDays(
  days: number,
  now = new Date(),
  timeZone = 'UTC',
): { from: Date; to: Date; timeZone: string } {
  let first = dayInZone(now, timeZone)
  for (let i = 1; i < days; i++) first = previousDay(first)
  return dayRange(first, dayInZone(now, timeZone), timeZone)
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
}
