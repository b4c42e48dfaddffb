import { sql } from 'kysely'
import type { Db, Trx } from '../ledger/db-types.js'
import { onLedgerEvent, recordEvent, type RecordedEvent } from '../ledger/events.js'
import { type Contest, noticePlaces, toContest } from './contests.js'
import { transactionMemo } from '../ledger/transaction-memo.js'

/** Ledger changes that can move someone on a board (the triggers have already re-scored them). */
const MOVING_EVENTS = new Set([
  'referral.created',
  'referral.qualified',
  'referral.rejected',
  'reward.reversed',
  'referrer.blocked',
  'referrer.unblocked',
])

/**
 * After a change that moves a board, owes a `contest.rank_changed` ledger event (and so the
 * `referral-contest-rank-changed` data event) to each referrer who entered the notified places or
 * moved up within them, past the best place they were told about. Falling back and climbing again
 * to a place already announced says nothing: a meaningful move, not every change. The conditional
 * update is the gate, so a redelivered webhook or two concurrent changes owe each move once.
 */
async function noteRankMoves(
  trx: Trx,
  workspaceId: string,
  running: readonly Contest[],
): Promise<number> {
  let owed = 0
  for (const contest of running) {
    const places = noticePlaces(contest)
    const top = await trx
      .selectFrom('contest_standings as s')
      .select(['s.referrer_id', 's.participant_id', 's.score', 's.best_notified_rank'])
      .where('s.contest_id', '=', contest.id)
      .orderBy('s.score', 'desc')
      .orderBy('s.reached_at', 'asc')
      .orderBy('s.referrer_id', 'asc')
      .limit(places)
      .execute()
    for (const [index, row] of top.entries()) {
      const rank = index + 1
      if (row.best_notified_rank !== null && row.best_notified_rank <= rank) continue
      const claimed = await trx
        .updateTable('contest_standings')
        .set({ best_notified_rank: rank })
        .where('contest_id', '=', contest.id)
        .where('referrer_id', '=', row.referrer_id)
        .where((eb) =>
          eb.or([eb('best_notified_rank', 'is', null), eb('best_notified_rank', '>', rank)]),
        )
        .returning('referrer_id')
        .executeTakeFirst()
      if (!claimed) continue
      owed++
      await recordEvent(trx, {
        workspaceId,
        type: 'contest.rank_changed',
        subject: { type: 'referrer', id: row.referrer_id },
        actor: { type: 'system' },
        data: {
          contestId: contest.id,
          participantId: row.participant_id,
          dataEvent: {
            participantId: row.participant_id,
            metadata: {
              contest_name: contest.name,
              rank,
              previous_rank: row.best_notified_rank ?? 0,
              score: row.score,
              prize_places: contest.topN,
            },
          },
        },
      })
    }
  }
  return owed
}

/** Subscribes rank notices to the ledger; the result unsubscribes. */
export function listenForRankMoves(db: Db): () => void {
  // now() is the transaction's start: which contests run is one answer for all its changes.
  const running = transactionMemo<Contest[]>()
  return onLedgerEvent(db, async (trx: Trx, event: RecordedEvent) => {
    if (!MOVING_EVENTS.has(event.type)) return
    const { workspaceId } = event
    const contests = await running(trx, workspaceId, () => runningContestsIn(trx, workspaceId))
    await noteRankMoves(trx, workspaceId, contests)
  })
}

/** The workspace's contests running at the transaction's time (now() is its start). */
async function runningContestsIn(trx: Trx, workspaceId: string): Promise<Contest[]> {
  const rows = await trx
    .selectFrom('contests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('frozen_at', 'is', null)
    .where('starts_at', '<=', sql<Date>`now()`)
    .where('ends_at', '>', sql<Date>`now()`)
    .execute()
  return rows.map(toContest)
}
