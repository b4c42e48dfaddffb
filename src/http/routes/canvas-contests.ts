import { createHmac, timingSafeEqual } from 'node:crypto'
import { type Response, Router } from 'express'
import { z } from 'zod'
import { openSheetData } from '../../../canvas/requests.js'
import { leaderboardPage } from '../../../canvas/sheets/leaderboard-page.js'
import type { AppContext } from '../../context.js'
import { runningContestOf } from '../../contests/contests.js'
import { leaderboardTop, setLeaderboardHidden, standingOf } from '../../contests/leaderboard.js'
import { AppError } from '../../errors.js'
import { getCampaign } from '../../ledger/campaigns.js'
import { intercomData, sheetReferrer } from '../canvas/share-sheet.js'
import { parse } from '../parse.js'

/** Under the sheet prefix, so the sheet's framing and script policy apply (src/http/security.ts). */
const LEADERBOARD_SHEET_PATH = '/canvas/messenger/sheet/leaderboard'
const NAME_PATH = `${LEADERBOARD_SHEET_PATH}/name`

const nameForm = z.object({
  workspace: z.string().min(1).max(200),
  campaign: z.string().uuid(),
  referrer: z.string().uuid(),
  participant: z.string().uuid(),
  locale: z.string().max(20).default('en'),
  proof: z.string().min(1).max(100),
  hidden: z.enum(['true', 'false']),
})

interface Viewer {
  readonly workspaceId: string
  readonly campaignId: string
  readonly referrerId: string
  readonly participantId: string
  readonly locale: string
}

/** A locale Intl accepts (Intercom's, e.g. "pt-BR"), or English. */
function knownLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale)[0] ?? 'en'
  } catch {
    return 'en'
  }
}

/** Proves the name form was served to this viewer by this app (keyed by the Intercom secret). */
function proofOf(secret: string, viewer: Viewer): string {
  return createHmac('sha256', secret)
    .update(
      `leaderboard-name\u0000${viewer.workspaceId}\u0000${viewer.campaignId}\u0000${viewer.referrerId}\u0000${viewer.participantId}`,
    )
    .digest('base64url')
}

function sameProof(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The leaderboard sheet, opened from the Messenger card while a contest runs. */
export function canvasContestRoutes(ctx: AppContext): Router {
  const router = Router()

  const render = async (res: Response, viewer: Viewer, secret: string) => {
    const contest = await runningContestOf(ctx.db, viewer.workspaceId, viewer.campaignId)
    const [top, standing, optOut] = contest
      ? await Promise.all([
          leaderboardTop(ctx.db, viewer.workspaceId, contest.id, 10),
          standingOf(ctx.db, viewer.workspaceId, contest.id, viewer.referrerId),
          ctx.db
            .selectFrom('leaderboard_opt_outs')
            .select('participant_id')
            .where('participant_id', '=', viewer.participantId)
            .executeTakeFirst(),
        ])
      : [[], null, undefined]
    const endsAt = contest
      ? new Intl.DateTimeFormat(knownLocale(viewer.locale), {
          timeZone: contest.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(contest.endsAt)
      : ''
    res.removeHeader('X-Frame-Options')
    res.type('html').setHeader('Cache-Control', 'no-store')
    res.send(
      leaderboardPage({
        locale: viewer.locale,
        contest: contest ? { name: contest.name, endsAt } : null,
        rows: top.map((row) => ({
          rank: row.rank,
          name: row.displayName,
          score: row.score,
          isViewer: row.referrerId === viewer.referrerId,
        })),
        viewer: standing ? { rank: standing.rank, score: standing.score } : null,
        viewerHidden: optOut !== undefined,
        nameForm: {
          action: NAME_PATH,
          fields: {
            workspace: viewer.workspaceId,
            campaign: viewer.campaignId,
            referrer: viewer.referrerId,
            participant: viewer.participantId,
            locale: viewer.locale,
            proof: proofOf(secret, viewer),
          },
        },
      }),
    )
  }

  // POST /canvas/messenger/sheet/leaderboard — opened by the Messenger: `user` encrypted by Intercom
  router.post(LEADERBOARD_SHEET_PATH, async (req, res) => {
    const secret = ctx.config.signingSecret
    if (!secret) throw new AppError('unavailable', 'INTERCOM_CLIENT_SECRET is not configured.')
    const data = parse(openSheetData, intercomData(req.body))
    // Workspace and person from the encrypted user and the card's seal, as for the share sheet.
    const { workspaceId, campaign, referrer } = await sheetReferrer(ctx, data, req.query.seal)
    const locale = z
      .string()
      .max(20)
      .catch('en')
      .parse(data.context?.locale ?? 'en')
    await render(
      res,
      {
        workspaceId,
        campaignId: campaign.id,
        referrerId: referrer.id,
        participantId: referrer.participantId,
        locale,
      },
      secret,
    )
  })

  // POST /canvas/messenger/sheet/leaderboard/name — "Hide my name" / "Show my name" from the sheet
  router.post(NAME_PATH, async (req, res) => {
    const secret = ctx.config.signingSecret
    if (!secret) throw new AppError('unavailable', 'INTERCOM_CLIENT_SECRET is not configured.')
    const form = parse(nameForm, req.body)
    const viewer: Viewer = {
      workspaceId: form.workspace,
      campaignId: form.campaign,
      referrerId: form.referrer,
      participantId: form.participant,
      locale: form.locale,
    }
    if (!sameProof(form.proof, proofOf(secret, viewer)))
      throw new AppError('unauthorized', 'This form was not issued for you.')
    await getCampaign(ctx.db, viewer.workspaceId, viewer.campaignId)
    await setLeaderboardHidden(
      ctx.db,
      viewer.workspaceId,
      viewer.participantId,
      form.hidden === 'true',
    )
    await render(res, viewer, secret)
  })

  return router
}
