import { button, muted, sheetAction } from '../components.js'
import type { Translate } from '../i18n/index.js'
import type { Component } from '../schema.js'

/** Component id of the card's "See the top 10" button. */
export const OPEN_LEADERBOARD = 'open_leaderboard'

/** A running contest as the viewer's card shows it. */
export interface CardContest {
  /** The viewer's place, or null before their first friend that counts. */
  readonly rank: number | null
  /** Friends needed to pass the place above; null in the lead. */
  readonly gap: number | null
  /** The leaderboard sheet; null shows the line alone. */
  readonly sheetUrl: string | null
}

/** "Contest: #3 · 2 more to pass #2": one short line in every language (tested per catalog). */
export function contestRankLine(contest: CardContest, t: Translate): string {
  if (contest.rank === null) return t('contest.unranked')
  if (contest.gap === null || contest.rank <= 1) return t('contest.rankLead')
  return t('contest.rankGap', { rank: contest.rank, gap: contest.gap, above: contest.rank - 1 })
}

/**
 * What a running contest adds to the compact card: the rank line and a link to the top 10. The
 * card leaves out its QR image meanwhile (the share sheet still has it), so the card stays within
 * its height budget.
 */
export function contestCardComponents(
  contest: CardContest | null | undefined,
  t: Translate,
): Component[] {
  if (!contest) return []
  const components: Component[] = [muted(contestRankLine(contest, t))]
  if (contest.sheetUrl)
    components.push(
      button(OPEN_LEADERBOARD, t('contest.board'), sheetAction(contest.sheetUrl), {
        style: 'link',
      }),
    )
  return components
}

/** The Inbox panel's contest row: "December sprint: #3 (5)", or not on the board yet. */
export function inboxContestRows(
  contest: { name: string; rank: number | null; score: number } | null | undefined,
  t: Translate,
): [string, string][] {
  if (!contest) return []
  const value =
    contest.rank === null
      ? t('inbox.contestUnranked', { name: contest.name })
      : t('inbox.contestRank', { name: contest.name, rank: contest.rank, score: contest.score })
  return [[t('inbox.contest'), value]]
}
