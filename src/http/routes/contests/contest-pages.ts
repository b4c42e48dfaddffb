import { Router } from 'express'
import type { AppContext } from '../../../context.js'
import {
  contestPhase,
  type Contest,
  createContest,
  getContest,
  listContests,
} from '../../../contests/contests.js'
import type { ContestPrize } from '../../../contests/contest-settings.js'
import { contestResults } from '../../../contests/freeze.js'
import { leaderboardName } from '../../../contests/leaderboard.js'
import { formatInZone } from '../../../contests/time-zone.js'
import { csvLine } from '../../../export/csv.js'
import { listCampaigns } from '../../../ledger/campaigns.js'
import { minorUnitDigits } from '../../../money/currencies.js'
import type { Db } from '../../../ledger/db-types.js'
import { type Html, html } from '../admin-dashboard/html.js'
import { headedRow, listTable } from '../admin-dashboard/list-table.js'
import { contestFormBody, EMPTY_FORM, formOf, parseContestForm } from './contest-form.js'
import { pageWorkspace, sendPage, sendProblem } from './admin-access.js'

const PHASE_WORDS = {
  scheduled: 'Not started yet',
  running: 'Running',
  ended: 'Ended: results are being frozen',
  final: 'Final results',
} as const

function prizeWords(prize: ContestPrize | null): string {
  if (!prize) return 'none'
  if (prize.kind === 'fixed' && prize.amountMinor !== null && prize.currency) {
    const digits = minorUnitDigits(prize.currency)
    return new Intl.NumberFormat('en', { style: 'currency', currency: prize.currency }).format(
      prize.amountMinor / 10 ** digits,
    )
  }
  if (prize.kind === 'points') return `${prize.points} points`
  return `a coupon from "${prize.couponPool}"`
}

function prizesWords(contest: Contest): string {
  const parts: string[] = []
  if (contest.topN > 0 && contest.topPrize)
    parts.push(`top ${contest.topN}: ${prizeWords(contest.topPrize)} each`)
  if (contest.threshold && contest.thresholdPrize)
    parts.push(`everyone with ${contest.threshold} or more: ${prizeWords(contest.thresholdPrize)}`)
  return parts.length > 0 ? parts.join('; ') : 'no prizes'
}

const METRIC_WORDS = { qualified: 'friends who converted', joined: 'friends who joined' } as const

/** The live standings (an admin sees names and e-mails; the referrers' sheet never shows e-mails). */
async function standings(db: Db, workspaceId: string, contestId: string, limit: number) {
  return db
    .selectFrom('contest_standings as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .leftJoin('leaderboard_opt_outs as o', 'o.participant_id', 's.participant_id')
    .select([
      's.referrer_id',
      's.score',
      's.reached_at',
      'p.name',
      'p.first_name',
      'p.email',
      'p.erased_at',
      'o.participant_id as opted_out',
    ])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.contest_id', '=', contestId)
    .orderBy('s.score', 'desc')
    .orderBy('s.reached_at', 'asc')
    .orderBy('s.referrer_id', 'asc')
    .limit(limit)
    .execute()
}

function personCell(row: {
  name: string | null
  email: string | null
  erased_at: Date | null
  opted_out: string | null
}): string {
  if (row.erased_at) return 'Erased person'
  const who = row.name?.trim() || row.email || 'No name'
  return row.opted_out ? `${who} (name hidden from referrers)` : who
}

/** Contest set-up, the live leaderboard and the final results with CSV, under /admin/w/:id/contests. */
export function contestPageRoutes(ctx: AppContext): Router {
  const router = Router()

  router.get('/admin/w/:workspaceId/contests', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const { workspace, base } = scope
    const [contests, campaigns] = await Promise.all([
      listContests(ctx.db, workspace.id),
      listCampaigns(ctx.db, workspace.id),
    ])
    const campaignName = new Map(campaigns.map((c) => [c.id, c.name]))
    sendPage(
      res,
      200,
      { title: 'Contests', workspaceId: workspace.id, signedIn: true, current: 'contests' },
      html`<p>
          A contest ranks a campaign's referrers for a period. Referrers see their place on the
          Messenger card and the top 10 in a sheet; prizes go to the top places and to everyone past
          a threshold.
        </p>
        <p><a class="button" href="${base}/contests/new">New contest</a></p>
        ${listTable({
          caption: 'Contests, latest first',
          columns: ['Contest', 'Campaign', 'Period', 'Status'],
          items: contests,
          empty: 'No contest yet.',
          row: (c) =>
            headedRow(html`<a href="${base}/contests/${c.id}">${c.name}</a>`, [
              campaignName.get(c.campaignId) ?? '—',
              `${formatInZone(c.startsAt, c.timeZone)} to ${formatInZone(c.endsAt, c.timeZone)}`,
              PHASE_WORDS[contestPhase(c)],
            ]),
        })}`,
    )
  })

  router.get('/admin/w/:workspaceId/contests/new', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const campaigns = (await listCampaigns(ctx.db, scope.workspace.id)).filter(
      (c) => c.status !== 'archived',
    )
    sendPage(
      res,
      200,
      {
        title: 'New contest',
        workspaceId: scope.workspace.id,
        signedIn: true,
        current: 'contests',
      },
      contestFormBody(scope.base, campaigns, EMPTY_FORM, {}),
    )
  })

  router.post('/admin/w/:workspaceId/contests', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const form = formOf(req.body)
    const parsed = parseContestForm(form)
    if (!parsed.ok) {
      const campaigns = (await listCampaigns(ctx.db, scope.workspace.id)).filter(
        (c) => c.status !== 'archived',
      )
      sendPage(
        res,
        400,
        {
          title: 'New contest',
          workspaceId: scope.workspace.id,
          signedIn: true,
          current: 'contests',
        },
        contestFormBody(scope.base, campaigns, form, parsed.errors),
      )
      return
    }
    try {
      const contest = await createContest(ctx.db, scope.workspace.id, parsed.input, {
        type: 'admin',
        id: scope.admin,
      })
      res.redirect(303, `${scope.base}/contests/${contest.id}`)
    } catch (error) {
      sendProblem(res, error)
    }
  })

  router.get('/admin/w/:workspaceId/contests/:contestId', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    const { workspace, base } = scope
    try {
      const contest = await getContest(ctx.db, workspace.id, String(req.params.contestId))
      const phase = contestPhase(contest)
      const facts = html`<dl class="facts">
        <dt>Status</dt>
        <dd>${PHASE_WORDS[phase]}</dd>
        <dt>Period</dt>
        <dd>
          ${formatInZone(contest.startsAt, contest.timeZone)} to
          ${formatInZone(contest.endsAt, contest.timeZone)}
        </dd>
        <dt>Ranked by</dt>
        <dd>${METRIC_WORDS[contest.metric]}</dd>
        <dt>Prizes</dt>
        <dd>${prizesWords(contest)}</dd>
      </dl>`
      let body: Html
      if (phase === 'final') {
        const results = await contestResults(ctx.db, workspace.id, contest.id)
        body = html`${facts}
          <p>
            <a class="button" href="${base}/contests/${contest.id}/results.csv"
              >Download the results (CSV)</a
            >
          </p>
          <div
            class="table-scroll"
            role="region"
            aria-label="Leaderboard"
            tabindex="0"
            style="overflow-x: auto"
          >
            ${listTable({
              caption: 'Final results',
              columns: ['Place', 'Referrer', 'Friends', 'Prize', 'Reward'],
              items: results,
              empty: 'Nobody had a referral that counted.',
              row: (r) =>
                headedRow(String(r.rank), [
                  personCell(r),
                  r.score,
                  r.prize === 'top'
                    ? 'Top place'
                    : r.prize === 'threshold'
                      ? 'Past the threshold'
                      : '—',
                  r.reward_status
                    ? html`<a href="${base}/rewards?status=${r.reward_status}"
                        >${r.reward_status}</a
                      >`
                    : '—',
                ]),
            })}
          </div>`
      } else {
        const rows = await standings(ctx.db, workspace.id, contest.id, 50)
        body = html`${facts}
          <p>
            <a class="button" href="${base}/contests/${contest.id}">Refresh</a>
            <a class="button" href="${base}/contests/${contest.id}/results.csv"
              >Download the standings (CSV)</a
            >
          </p>
          <div
            class="table-scroll"
            role="region"
            aria-label="Leaderboard"
            tabindex="0"
            style="overflow-x: auto"
          >
            ${listTable({
              caption: `Leaderboard now (top 50, as of ${new Date().toISOString().slice(11, 16)} UTC)`,
              columns: ['Place', 'Referrer', 'Friends', 'Reached it'],
              items: rows,
              empty: 'Nobody is on the board yet.',
              row: (r, i) =>
                headedRow(String(i + 1), [
                  personCell(r),
                  r.score,
                  formatInZone(new Date(r.reached_at), contest.timeZone),
                ]),
            })}
          </div>`
      }
      sendPage(
        res,
        200,
        { title: contest.name, workspaceId: workspace.id, signedIn: true, current: 'contests' },
        body,
      )
    } catch (error) {
      sendProblem(res, error)
    }
  })

  router.get('/admin/w/:workspaceId/contests/:contestId/results.csv', async (req, res) => {
    const scope = await pageWorkspace(ctx, req, res)
    if (!scope) return
    try {
      const contest = await getContest(ctx.db, scope.workspace.id, String(req.params.contestId))
      const final = contestPhase(contest) === 'final'
      const lines = [
        csvLine([
          'place',
          'name',
          'leaderboard_name',
          'email',
          'score',
          'reached_at',
          'prize',
          'reward_status',
        ]),
      ]
      if (final) {
        for (const r of await contestResults(ctx.db, scope.workspace.id, contest.id))
          lines.push(
            csvLine([
              r.rank,
              r.erased_at ? '' : r.name,
              leaderboardName({
                name: r.name,
                firstName: r.first_name,
                hidden: Boolean(r.opted_out || r.erased_at),
              }),
              r.erased_at ? '' : r.email,
              r.score,
              new Date(r.reached_at),
              r.prize,
              r.reward_status,
            ]),
          )
      } else {
        const rows = await standings(ctx.db, scope.workspace.id, contest.id, 100_000)
        rows.forEach((r, i) =>
          lines.push(
            csvLine([
              i + 1,
              r.erased_at ? '' : r.name,
              leaderboardName({
                name: r.name,
                firstName: r.first_name,
                hidden: Boolean(r.opted_out || r.erased_at),
              }),
              r.erased_at ? '' : r.email,
              r.score,
              new Date(r.reached_at),
              null,
              null,
            ]),
          ),
        )
      }
      const slug =
        contest.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'contest'
      res.status(200).type('text/csv; charset=utf-8').setHeader('Cache-Control', 'no-store')
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${slug}-${final ? 'results' : 'standings'}.csv"`,
      )
      res.send(lines.join(''))
    } catch (error) {
      sendProblem(res, error)
    }
  })

  return router
}
