import { sql } from 'kysely'
import type { Db } from '../ledger/db-types.js'

/** One place on a leaderboard, with the name it may show (never an e-mail). */
export interface LeaderboardRow {
  readonly rank: number
  readonly referrerId: string
  readonly participantId: string
  readonly score: number
  readonly reachedAt: Date
  /** "Jane D.", or null when the person asked not to be named (or was erased, or has no name). */
  readonly displayName: string | null
}

/** A referrer's place: rank, score and how many more put them past the place above. */
export interface Standing {
  readonly rank: number
  readonly score: number
  /** Referrals needed to pass the place above; null in the lead. */
  readonly gap: number | null
}

/**
 * "Jane D.": a first name and the initial of the last, from the name a person gave. An e-mail
 * address is never a name (a contact with no name shows nothing but their place).
 */
export function leaderboardName(person: {
  name: string | null
  firstName: string | null
  hidden: boolean
}): string | null {
  if (person.hidden) return null
  const words = (person.name ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w && !w.includes('@'))
  const first =
    person.firstName?.trim() && !person.firstName.includes('@') ? person.firstName.trim() : words[0]
  if (!first) return null
  const last = words.length > 1 ? words[words.length - 1] : undefined
  const initial = last && last !== first ? ` ${[...last][0]!.toUpperCase()}.` : ''
  return `${[...first].slice(0, 40).join('')}${initial}`
}

/** Ties: the higher score first, then whoever reached it first, then a fixed order. */
const RANK_ORDER = sql`s.score desc, s.reached_at asc, s.referrer_id asc`

/** The top places: the first entries of contest_standings_rank, then their names. */
export async function leaderboardTop(
  db: Db,
  workspaceId: string,
  contestId: string,
  limit = 10,
): Promise<LeaderboardRow[]> {
  const { rows } = await sql<{
    referrer_id: string
    participant_id: string
    score: number
    reached_at: Date
    name: string | null
    first_name: string | null
    hidden: boolean
  }>`
    select s.referrer_id, s.participant_id, s.score, s.reached_at, p.name, p.first_name,
           (o.participant_id is not null or p.erased_at is not null) as hidden
      from (select * from contest_standings s
             where s.contest_id = ${contestId} and s.workspace_id = ${workspaceId}
             order by ${RANK_ORDER}
             limit ${limit}) s
      join participants p on p.id = s.participant_id
      left join leaderboard_opt_outs o on o.participant_id = s.participant_id
     order by ${RANK_ORDER}`.execute(db)
  return rows.map((row, i) => ({
    rank: i + 1,
    referrerId: row.referrer_id,
    participantId: row.participant_id,
    score: row.score,
    reachedAt: new Date(row.reached_at),
    displayName: leaderboardName({ name: row.name, firstName: row.first_name, hidden: row.hidden }),
  }))
}

/**
 * One referrer's place in one round trip (the database function contest_place): the referrers
 * ahead of them from the counts the database keeps per score and per score and hour
 * (contest_score_counts, contest_score_hour_counts): a sum over the scores above, a sum over the
 * earlier hours of their own score, and a count of those level with them who reached it earlier
 * in the same hour, an index range of contest_standings_rank. So the read costs a few rows however
 * deep the place. Null before their first referral that counts (they are not on the board yet).
 */
export async function standingOf(
  db: Db,
  workspaceId: string,
  contestId: string,
  referrerId: string,
): Promise<Standing | null> {
  const { rows } = await sql<{
    score: number
    higher: number
    tied_ahead: number
    above: number | null
  }>`select * from contest_place(${contestId}::uuid, ${workspaceId}, ${referrerId}::uuid)`.execute(
    db,
  )
  const row = rows[0]
  if (!row) return null
  // A tie goes to whoever got there first: one more referral passes them.
  const aboveScore = row.tied_ahead > 0 ? row.score : row.above
  return {
    rank: row.higher + row.tied_ahead + 1,
    score: row.score,
    gap: aboveScore === null ? null : aboveScore - row.score + 1,
  }
}

/** A person's choice to appear on leaderboards by name (the default) or not. */
export async function setLeaderboardHidden(
  db: Db,
  workspaceId: string,
  participantId: string,
  hidden: boolean,
): Promise<void> {
  if (hidden)
    await db
      .insertInto('leaderboard_opt_outs')
      .values({ participant_id: participantId, workspace_id: workspaceId })
      .onConflict((oc) => oc.column('participant_id').doNothing())
      .execute()
  else
    await db
      .deleteFrom('leaderboard_opt_outs')
      .where('workspace_id', '=', workspaceId)
      .where('participant_id', '=', participantId)
      .execute()
}
