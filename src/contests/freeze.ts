import { sql } from 'kysely'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { recordEvent } from '../ledger/events.js'
import { notifyRewardApproved } from '../rewards/reward-approval.js'
import { drawCoupon } from '../rewards/reward-coupons.js'
import { issueReward } from '../ledger/rewards.js'
import type { Actor } from '../ledger/types.js'
import type { ContestPrize } from './contest-settings.js'
import { type Contest, toContest } from './contests.js'

const CONTEST_ACTOR: Actor = { type: 'system', id: 'contest' }

/**
 * Freezes every contest whose end has passed: the ranking as it stood at the end becomes the
 * results, winners are told, and their prizes are issued as rewards of the campaign. The triggers
 * stopped re-scoring at the end instant, so a referral rejected afterwards changes nothing.
 */
export async function freezeEndedContests(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db
    .selectFrom('contests')
    .select(['id', 'workspace_id'])
    .where('frozen_at', 'is', null)
    .where('ends_at', '<=', now)
    .limit(100)
    .execute()
  let frozen = 0
  for (const row of due) if (await freezeContest(db, row.workspace_id, row.id)) frozen++
  return frozen
}

/** One contest, once: the row lock and frozen_at make a second caller (another instance) a no-op. */
export async function freezeContest(
  db: Db,
  workspaceId: string,
  contestId: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('contests')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', contestId)
      .forUpdate()
      .executeTakeFirst()
    if (!row || row.frozen_at || new Date(row.ends_at).getTime() > Date.now()) return false
    const contest = toContest(row)
    await sql`
      insert into contest_results (contest_id, workspace_id, referrer_id, participant_id, rank, score, reached_at, prize)
      select s.contest_id, s.workspace_id, s.referrer_id, s.participant_id, ranked.rank, s.score, s.reached_at,
             case when ${contest.topN} > 0 and ${contest.topPrize !== null} and ranked.rank <= ${contest.topN} then 'top'
                  when ${contest.threshold ?? 0} > 0 and s.score >= ${contest.threshold ?? 0} then 'threshold'
             end
        from contest_standings s
        join (select referrer_id,
                     row_number() over (order by score desc, reached_at asc, referrer_id asc)::int as rank
                from contest_standings where contest_id = ${contest.id}) ranked
          on ranked.referrer_id = s.referrer_id
       where s.contest_id = ${contest.id}`.execute(trx)
    await trx
      .updateTable('contests')
      .set({ frozen_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', contest.id)
      .execute()
    await recordEvent(trx, {
      workspaceId,
      type: 'contest.frozen',
      subject: { type: 'contest', id: contest.id },
      actor: CONTEST_ACTOR,
      data: { name: contest.name },
    })
    await awardPrizes(trx, contest)
    return true
  })
}

async function awardPrizes(trx: Trx, contest: Contest): Promise<void> {
  const winners = await trx
    .selectFrom('contest_results')
    .select(['referrer_id', 'participant_id', 'rank', 'score', 'prize'])
    .where('contest_id', '=', contest.id)
    .where('prize', 'is not', null)
    .orderBy('rank')
    .execute()
  if (winners.length === 0) return
  const campaign = await getCampaign(trx, contest.workspaceId, contest.campaignId)
  for (const winner of winners) {
    const prize = winner.prize === 'top' ? contest.topPrize : contest.thresholdPrize
    if (!prize) continue
    const rewardId = await issuePrize(
      trx,
      contest,
      winner,
      prize,
      campaign.settings.rewards.manualApproval,
    )
    await trx
      .updateTable('contest_results')
      .set({ reward_id: rewardId })
      .where('contest_id', '=', contest.id)
      .where('referrer_id', '=', winner.referrer_id)
      .execute()
    await recordEvent(trx, {
      workspaceId: contest.workspaceId,
      type: 'contest.won',
      subject: { type: 'referrer', id: winner.referrer_id },
      actor: CONTEST_ACTOR,
      data: {
        contestId: contest.id,
        rewardId,
        dataEvent: {
          participantId: winner.participant_id,
          metadata: {
            contest_name: contest.name,
            rank: winner.rank,
            score: winner.score,
            prize: winner.prize === 'top' ? 'top place' : 'threshold',
          },
        },
      },
    })
  }
}

/**
 * A prize is an ordinary reward of the campaign, so it takes the campaign's approval path: held
 * for an admin when the campaign approves by hand (and always for a coupon, whose code is drawn
 * now), otherwise approved and on to fulfilment like any other.
 */
async function issuePrize(
  trx: Trx,
  contest: Contest,
  winner: { referrer_id: string; participant_id: string; rank: number },
  prize: ContestPrize,
  manualApproval: boolean,
): Promise<string> {
  const approveNow = !manualApproval && prize.kind !== 'coupon'
  const { reward, created } = await issueReward(trx, {
    workspaceId: contest.workspaceId,
    campaignId: contest.campaignId,
    participantId: winner.participant_id,
    recipientRole: 'referrer',
    kind: prize.kind,
    ...(prize.kind === 'fixed' ? { amountMinor: prize.amountMinor, currency: prize.currency } : {}),
    ...(prize.kind === 'points' ? { points: prize.points } : {}),
    description: prize.description ?? `${contest.name}: place ${winner.rank}`,
    idempotencyKey: `contest:${contest.id}:referrer:${winner.referrer_id}`,
    initialStatus: approveNow ? 'approved' : 'pending',
    actor: CONTEST_ACTOR,
  })
  if (!created) return reward.id
  if (prize.kind === 'coupon' && prize.couponPool) {
    const code = await drawCoupon(trx, {
      workspaceId: contest.workspaceId,
      campaignId: contest.campaignId,
      pool: prize.couponPool,
      rewardId: reward.id,
    })
    if (!code)
      await trx
        .updateTable('rewards')
        .set({ status_reason: 'coupon pool empty', updated_at: sql<Date>`now()` })
        .where('id', '=', reward.id)
        .execute()
  } else if (approveNow) await notifyRewardApproved(trx, reward)
  return reward.id
}

/** The frozen results, best place first. */
export async function contestResults(db: Db, workspaceId: string, contestId: string) {
  return db
    .selectFrom('contest_results as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .leftJoin('rewards as w', 'w.id', 'r.reward_id')
    .leftJoin('leaderboard_opt_outs as o', 'o.participant_id', 'r.participant_id')
    .select([
      'r.rank',
      'r.score',
      'r.reached_at',
      'r.prize',
      'r.referrer_id',
      'p.name',
      'p.first_name',
      'p.email',
      'o.participant_id as opted_out',
      'p.erased_at',
      'w.status as reward_status',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.contest_id', '=', contestId)
    .orderBy('r.rank')
    .execute()
}
