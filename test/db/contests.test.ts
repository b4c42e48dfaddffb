import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { contestInput } from '../../src/contests/contest-settings.js'
import { createContest, getContest } from '../../src/contests/contests.js'
import { contestResults, freezeContest, freezeEndedContests } from '../../src/contests/freeze.js'
import {
  leaderboardName,
  leaderboardTop,
  setLeaderboardHidden,
  standingOf,
} from '../../src/contests/leaderboard.js'
import { listenForRankMoves } from '../../src/contests/rank-moves.js'
import { instantToLocalTime } from '../../src/contests/time-zone.js'
import { blockReferrer } from '../../src/ledger/referrer-blocks.js'
import { qualifyReferral, rejectReferral } from '../../src/ledger/referrals.js'
import { decideReward } from '../../src/ledger/rewards.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { ADMIN, campaignWith, newReferrer, referFriend, WEBHOOK } from '../support/rewards.js'

const DAY = 86_400_000
const ZONE = 'Asia/Tokyo'

describe(`contests on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  let unlisten: () => void
  beforeAll(async () => {
    handle = await freshDatabase()
    unlisten = listenForRankMoves(handle.db)
  })
  afterAll(() => unlisten())

  /** A campaign with a contest running from yesterday to tomorrow (local times in Tokyo). */
  async function running(
    settings: { topN?: number; threshold?: number | null; metric?: 'qualified' | 'joined' } = {},
  ) {
    const { workspaceId, campaign } = await campaignWith(handle.db, {
      rewards: { rules: [], manualApproval: true },
    })
    const now = Date.now()
    const input = contestInput.parse({
      name: 'December sprint',
      campaignId: campaign.id,
      metric: settings.metric ?? 'qualified',
      startsAt: instantToLocalTime(new Date(now - DAY), ZONE),
      endsAt: instantToLocalTime(new Date(now + DAY), ZONE),
      timeZone: ZONE,
      topN: settings.topN ?? 3,
      topPrize: { kind: 'fixed', amountMinor: 5000, currency: 'usd' },
      threshold: settings.threshold ?? null,
      thresholdPrize: settings.threshold ? { kind: 'points', points: 100 } : null,
    })
    const contest = await createContest(handle.db, workspaceId, input, ADMIN)
    return { workspaceId, campaign, contest }
  }

  async function qualifiedFriends(workspaceId: string, referrerId: string, count: number) {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const { referralId } = await referFriend(handle.db, workspaceId, referrerId)
      await qualifyReferral(handle.db, { workspaceId, referralId, actor: WEBHOOK })
      ids.push(referralId)
    }
    return ids
  }

  async function rankEvents(workspaceId: string) {
    return handle.db
      .selectFrom('events')
      .select(['subject_id', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'contest.rank_changed')
      .orderBy('id')
      .execute()
  }

  it('ranks by qualified referrals; a tie goes to whoever got there first', async () => {
    const { workspaceId, contest } = await running()
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    const bob = await newReferrer(handle.db, workspaceId, 'Bob Baker')
    const cat = await newReferrer(handle.db, workspaceId, 'Cat Cole')
    await qualifiedFriends(workspaceId, bob.id, 2) // Bob reaches 2 first
    await qualifiedFriends(workspaceId, ann.id, 2) // Ann reaches 2 later
    await qualifiedFriends(workspaceId, cat.id, 3)
    // A pending friend does not count under "qualified referrals".
    await referFriend(handle.db, workspaceId, ann.id)

    const top = await leaderboardTop(handle.db, workspaceId, contest.id)
    expect(top.map((r) => [r.displayName, r.score])).toEqual([
      ['Cat C.', 3],
      ['Bob B.', 2],
      ['Ann A.', 2],
    ])
    expect(await standingOf(handle.db, workspaceId, contest.id, cat.id)).toEqual({
      rank: 1,
      score: 3,
      gap: null,
    })
    // Bob is one behind Cat: two more pass her. Ann is level with Bob, who got there first: one more.
    expect(await standingOf(handle.db, workspaceId, contest.id, bob.id)).toEqual({
      rank: 2,
      score: 2,
      gap: 2,
    })
    expect(await standingOf(handle.db, workspaceId, contest.id, ann.id)).toEqual({
      rank: 3,
      score: 2,
      gap: 1,
    })
  })

  it('reads a place from the kept counts that matches counting every row ahead', async () => {
    const { workspaceId, contest } = await running()
    const people = []
    for (let i = 0; i < 24; i++) people.push(await newReferrer(handle.db, workspaceId, `P${i} Q`))
    // Scores 1 to 3 reached across three hours, several at the very same instant (ties broken by
    // the referrer id), written straight into the board: the counts follow any change to it.
    const base = Date.UTC(2026, 11, 7, 9, 0, 0)
    const at = (i: number) => new Date(base + (i % 3) * 3_600_000 + (i % 2) * 60_000).toISOString()
    await sql`delete from contest_standings where contest_id = ${contest.id}`.execute(handle.db)
    await sql`
      insert into contest_standings (contest_id, workspace_id, referrer_id, participant_id, score, reached_at)
      select ${contest.id}::uuid, ${workspaceId}, r.id, r.participant_id, 1 + (row_number() over (order by r.id))::int % 3,
             (array[${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}])[1 + (row_number() over (order by r.id))::int % 6]::timestamptz
        from referrers r where r.workspace_id = ${workspaceId}`.execute(handle.db)
    // A move up (a later hour), a move down, one who drops out, and a whole-board update that
    // changes nothing.
    await sql`update contest_standings set score = score + 2, reached_at = ${at(5)}::timestamptz
               where contest_id = ${contest.id} and referrer_id = ${people[0]!.id}`.execute(
      handle.db,
    )
    await sql`update contest_standings set score = 1 where contest_id = ${contest.id}
               and referrer_id = ${people[1]!.id}`.execute(handle.db)
    await sql`delete from contest_standings where contest_id = ${contest.id}
               and referrer_id = ${people[2]!.id}`.execute(handle.db)
    await sql`update contest_standings set best_notified_rank = null where contest_id = ${contest.id}`.execute(
      handle.db,
    )

    const board = await handle.db
      .selectFrom('contest_standings')
      .select(['referrer_id', 'score'])
      .where('contest_id', '=', contest.id)
      .orderBy('score', 'desc')
      .orderBy('reached_at', 'asc')
      .orderBy('referrer_id', 'asc')
      .execute()
    expect(board.length).toBe(23)
    for (const [i, row] of board.entries()) {
      const standing = await standingOf(handle.db, workspaceId, contest.id, row.referrer_id)
      const ahead = board[i - 1]
      expect(standing).toEqual({
        rank: i + 1,
        score: row.score,
        gap: ahead ? ahead.score - row.score + 1 : null,
      })
    }
    expect(await standingOf(handle.db, workspaceId, contest.id, people[2]!.id)).toBeNull()
    const { rows: drift } = await sql`
      select k.score, k.hour from contest_score_hour_counts k
        full join (select score, contest_hour(reached_at) as hour, count(*)::int as n
                     from contest_standings where contest_id = ${contest.id} group by 1, 2) s
          on s.score = k.score and s.hour = k.hour
       where coalesce(k.contest_id, ${contest.id}::uuid) = ${contest.id}
         and coalesce(k.referrers, 0) <> coalesce(s.n, 0)`.execute(handle.db)
    expect(drift).toEqual([])
  })

  it('counts friends joined when asked to, leaving out rejected and held-for-review ones', async () => {
    const { workspaceId, contest } = await running({ metric: 'joined' })
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    await referFriend(handle.db, workspaceId, ann.id)
    const { referralId } = await referFriend(handle.db, workspaceId, ann.id)
    // A disposable-domain friend is held for review (a fraud signal): not counted.
    const held = await referFriend(handle.db, workspaceId, ann.id, { email: 'x@mailinator.com' })
    expect(held.reviewReason).not.toBeNull()
    expect((await standingOf(handle.db, workspaceId, contest.id, ann.id))?.score).toBe(2)
    await rejectReferral(handle.db, { workspaceId, referralId, actor: ADMIN, reason: 'duplicate' })
    expect((await standingOf(handle.db, workspaceId, contest.id, ann.id))?.score).toBe(1)
  })

  it('drops referrals later rejected, rewards reversed and blocked referrers from the ranking', async () => {
    const { workspaceId, contest } = await running()
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    const bob = await newReferrer(handle.db, workspaceId, 'Bob Baker')
    const [first, second] = await qualifiedFriends(workspaceId, ann.id, 3)
    await qualifiedFriends(workspaceId, bob.id, 2)
    expect((await standingOf(handle.db, workspaceId, contest.id, ann.id))?.rank).toBe(1)

    await rejectReferral(handle.db, {
      workspaceId,
      referralId: first!,
      actor: ADMIN,
      reason: 'fraud: same device',
    })
    // A reward of the second referral reversed (a refund) takes it out too.
    const reward = await handle.db
      .insertInto('rewards')
      .values({
        workspace_id: workspaceId,
        campaign_id: contest.campaignId,
        referral_id: second!,
        participant_id: ann.participantId,
        recipient_role: 'referrer',
        kind: 'fixed',
        amount_minor: 100,
        currency: 'USD',
        idempotency_key: `test:${second}`,
        status: 'approved',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await decideReward(handle.db, {
      workspaceId,
      rewardId: reward.id,
      to: 'reversed',
      actor: ADMIN,
      reason: 'refunded',
    })
    expect(await standingOf(handle.db, workspaceId, contest.id, ann.id)).toMatchObject({
      rank: 2,
      score: 1,
    })
    await blockReferrer(handle.db, {
      workspaceId,
      referrerId: bob.id,
      reason: 'fraud',
      actor: ADMIN,
    })
    expect(await standingOf(handle.db, workspaceId, contest.id, bob.id)).toBeNull()
    expect(
      (await leaderboardTop(handle.db, workspaceId, contest.id)).map((r) => r.referrerId),
    ).toEqual([ann.id])
  })

  it('names people "first name + initial", never by e-mail, and hides those who opted out', async () => {
    expect(leaderboardName({ name: 'Jane van Dyke', firstName: null, hidden: false })).toBe(
      'Jane D.',
    )
    expect(leaderboardName({ name: 'jane@example.com', firstName: null, hidden: false })).toBeNull()
    expect(leaderboardName({ name: 'Zoë', firstName: 'Zoë', hidden: false })).toBe('Zoë')
    expect(leaderboardName({ name: 'Jane Doe', firstName: 'Jane', hidden: true })).toBeNull()
    const { workspaceId, contest } = await running()
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    await qualifiedFriends(workspaceId, ann.id, 1)
    await setLeaderboardHidden(handle.db, workspaceId, ann.participantId, true)
    const [row] = await leaderboardTop(handle.db, workspaceId, contest.id)
    expect(row).toMatchObject({ rank: 1, displayName: null })
  })

  it('owes a rank-changed event on entering the top places or moving up, once each', async () => {
    const { workspaceId, contest } = await running({ topN: 2 })
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    const bob = await newReferrer(handle.db, workspaceId, 'Bob Baker')
    const cat = await newReferrer(handle.db, workspaceId, 'Cat Cole')
    await qualifiedFriends(workspaceId, ann.id, 2) // Ann enters at 1
    await qualifiedFriends(workspaceId, bob.id, 1) // Bob enters at 2
    await qualifiedFriends(workspaceId, cat.id, 1) // Cat is 3rd: outside the top 2, nothing
    // Webhook redelivered three times at once: one qualification, no second event.
    const [referralId] = await qualifiedFriends(workspaceId, bob.id, 0).then(async () => [
      (await referFriend(handle.db, workspaceId, bob.id)).referralId,
    ])
    await Promise.all(
      [1, 2, 3].map(() =>
        qualifyReferral(handle.db, { workspaceId, referralId: referralId!, actor: WEBHOOK }),
      ),
    )
    // Bob: 2, reached after Ann: still 2nd, no event. One more puts him first.
    await qualifiedFriends(workspaceId, bob.id, 1)
    const events = await rankEvents(workspaceId)
    const moves = events.map((e) => [
      e.subject_id,
      (e.data as { dataEvent: { metadata: { rank: number } } }).dataEvent.metadata.rank,
    ])
    expect(moves).toEqual([
      [ann.id, 1],
      [bob.id, 2],
      [bob.id, 1],
    ])
    // Ann fell to 2nd (not an event); passing Bob again puts her back at 1, already announced: nothing.
    await qualifiedFriends(workspaceId, ann.id, 2)
    expect(await rankEvents(workspaceId)).toHaveLength(3)
    expect(contest.topN).toBe(2)
  })

  it('freezes the results at the end: later changes are ignored, prizes follow approval', async () => {
    const { workspaceId, contest } = await running({ topN: 1, threshold: 2 })
    const ann = await newReferrer(handle.db, workspaceId, 'Ann Archer')
    const bob = await newReferrer(handle.db, workspaceId, 'Bob Baker')
    const annReferrals = await qualifiedFriends(workspaceId, ann.id, 3)
    await qualifiedFriends(workspaceId, bob.id, 2)
    const pendingOfBob = await referFriend(handle.db, workspaceId, bob.id)

    // A referral qualified after the end instant does not count: the period is [start, end).
    const endsAt = contest.endsAt
    await sql`update referrals set qualified_at = ${new Date(endsAt.getTime() + 60_000)} where id = ${annReferrals[2]}`.execute(
      handle.db,
    )
    expect((await standingOf(handle.db, workspaceId, contest.id, ann.id))?.score).toBe(2)
    await sql`update referrals set qualified_at = ${new Date(endsAt.getTime() - 60_000)} where id = ${annReferrals[2]}`.execute(
      handle.db,
    )
    expect((await standingOf(handle.db, workspaceId, contest.id, ann.id))?.score).toBe(3)

    // Not yet over: nothing freezes.
    expect(await freezeContest(handle.db, workspaceId, contest.id)).toBe(false)
    // Time passes: the end (tomorrow in Tokyo) is now behind us.
    await sql`update contests set ends_at = now() - interval '1 second' where id = ${contest.id}`.execute(
      handle.db,
    )
    // After the end: a rejection and a late qualification change nothing.
    await rejectReferral(handle.db, {
      workspaceId,
      referralId: annReferrals[0]!,
      actor: ADMIN,
      reason: 'late fraud',
    })
    await qualifyReferral(handle.db, {
      workspaceId,
      referralId: pendingOfBob.referralId,
      actor: WEBHOOK,
    })
    expect(await freezeEndedContests(handle.db)).toBeGreaterThanOrEqual(1)
    expect(await freezeContest(handle.db, workspaceId, contest.id)).toBe(false) // once

    const results = await contestResults(handle.db, workspaceId, contest.id)
    expect(results.map((r) => [r.referrer_id, r.rank, r.score, r.prize, r.reward_status])).toEqual([
      [ann.id, 1, 3, 'top', 'pending'],
      [bob.id, 2, 2, 'threshold', 'pending'],
    ])
    expect((await getContest(handle.db, workspaceId, contest.id)).frozenAt).not.toBeNull()
    const rewards = await handle.db
      .selectFrom('rewards')
      .select(['participant_id', 'kind', 'amount_minor', 'points', 'status'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('kind')
      .execute()
    expect(rewards).toEqual([
      {
        participant_id: ann.participantId,
        kind: 'fixed',
        amount_minor: 5000,
        points: null,
        status: 'pending',
      },
      {
        participant_id: bob.participantId,
        kind: 'points',
        amount_minor: null,
        points: 100,
        status: 'pending',
      },
    ])
    const won = await handle.db
      .selectFrom('events')
      .select('subject_id')
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'contest.won')
      .execute()
    expect(won.map((w) => w.subject_id).sort()).toEqual([ann.id, bob.id].sort())
  })
})
