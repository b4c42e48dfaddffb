import { sql } from 'kysely'
import type { ContestRow } from '../../db/tables/contests.js'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { NotFoundError } from '../ledger/errors.js'
import { recordEvent } from '../ledger/events.js'
import type { Actor } from '../ledger/types.js'
import { contestPrize, type ContestInput, type ContestPrize } from './contest-settings.js'

export interface Contest {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly name: string
  readonly metric: 'qualified' | 'joined'
  readonly startsAt: Date
  readonly endsAt: Date
  readonly timeZone: string
  readonly topN: number
  readonly topPrize: ContestPrize | null
  readonly threshold: number | null
  readonly thresholdPrize: ContestPrize | null
  readonly frozenAt: Date | null
}

export type ContestPhase = 'scheduled' | 'running' | 'ended' | 'final'

/** Where a contest stands at an instant: before, during, after its period, or with final results. */
export function contestPhase(contest: Contest, now: Date = new Date()): ContestPhase {
  if (contest.frozenAt) return 'final'
  if (now < contest.startsAt) return 'scheduled'
  if (now < contest.endsAt) return 'running'
  return 'ended'
}

/** How many places a rank-changed event is owed for: the prize places, or the top 10 shown. */
export function noticePlaces(contest: Contest): number {
  return contest.topN > 0 ? contest.topN : 10
}

function prizeOf(raw: unknown): ContestPrize | null {
  if (raw === null || raw === undefined) return null
  const parsed = contestPrize.safeParse(raw)
  return parsed.success ? parsed.data : null
}

export function toContest(row: ContestRow): Contest {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    name: row.name,
    metric: row.metric,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timeZone: row.time_zone,
    topN: row.top_n,
    topPrize: prizeOf(row.top_prize),
    threshold: row.threshold,
    thresholdPrize: prizeOf(row.threshold_prize),
    frozenAt: row.frozen_at ? new Date(row.frozen_at) : null,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Creates a contest and ranks what already counts (a period that began earlier includes its
 * referrals); from then on the database's triggers keep the ranking as referrals change.
 */
export async function createContest(
  db: Db,
  workspaceId: string,
  input: ContestInput,
  actor: Actor,
): Promise<Contest> {
  const contest = await db.transaction().execute(async (trx) => {
    await getCampaign(trx, workspaceId, input.campaignId)
    const row = await trx
      .insertInto('contests')
      .values({
        workspace_id: workspaceId,
        campaign_id: input.campaignId,
        name: input.name,
        metric: input.metric,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        time_zone: input.timeZone,
        top_n: input.topN,
        top_prize: input.topPrize ? JSON.stringify(input.topPrize) : null,
        threshold: input.threshold,
        threshold_prize: input.thresholdPrize ? JSON.stringify(input.thresholdPrize) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await rankExistingReferrals(trx, row.id)
    await recordEvent(trx, {
      workspaceId,
      type: 'contest.created',
      subject: { type: 'contest', id: row.id },
      actor,
      data: { name: input.name, campaignId: input.campaignId },
    })
    return toContest(row)
  })
  // Fresh statistics, so the planner reads the top places straight off the index (PGlite has no
  // autovacuum to gather them; on PostgreSQL this only runs sooner than autovacuum would).
  await sql`analyze contest_standings`.execute(db)
  return contest
}

/** One statement: every referrer's score from the referrals that already count. */
async function rankExistingReferrals(trx: Trx, contestId: string): Promise<void> {
  await sql`
    insert into contest_standings (contest_id, workspace_id, referrer_id, participant_id, score, reached_at)
    select c.id, c.workspace_id, r.id, r.participant_id, count(*)::int,
           max(case when c.metric = 'qualified' then f.qualified_at else f.created_at end)
      from contests c
      join referrals f on f.campaign_id = c.campaign_id
      join referrers r on r.id = f.referrer_id and r.blocked_at is null
     where c.id = ${contestId}
       and now() < c.ends_at
       and f.review_reason is null
       and (case when c.metric = 'qualified'
                 then f.status = 'qualified' and f.qualified_at >= c.starts_at and f.qualified_at < c.ends_at
                 else f.status <> 'rejected' and f.created_at >= c.starts_at and f.created_at < c.ends_at
            end)
       and not exists (select 1 from rewards w where w.referral_id = f.id and w.status = 'reversed')
     group by c.id, c.workspace_id, r.id, r.participant_id
    on conflict do nothing`.execute(trx)
}

export async function getContest(db: Db, workspaceId: string, contestId: string): Promise<Contest> {
  if (!UUID.test(contestId)) throw new NotFoundError('That contest')
  const row = await db
    .selectFrom('contests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contestId)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That contest')
  return toContest(row)
}

export async function listContests(db: Db, workspaceId: string): Promise<Contest[]> {
  const rows = await db
    .selectFrom('contests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('starts_at', 'desc')
    .limit(200)
    .execute()
  return rows.map(toContest)
}

/** The contest a campaign's card shows now: running, or ended without final results yet. */
export async function runningContestOf(
  db: Db,
  workspaceId: string,
  campaignId: string,
  now: Date = new Date(),
): Promise<Contest | null> {
  const row = await db
    .selectFrom('contests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('frozen_at', 'is', null)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now)
    .orderBy('ends_at')
    .limit(1)
    .executeTakeFirst()
  return row ? toContest(row) : null
}
