import { type ErrorRequestHandler, type Response, Router } from 'express'
import type { AppContext } from '../../context.js'
import { getCampaign } from '../../ledger/campaigns.js'
import { fallbackUrlForUnknownCode, recordLinkClick } from '../../ledger/link-clicks.js'
import { getParticipant } from '../../ledger/participants.js'
import { resolveCodeAnywhere } from '../../ledger/referrers.js'
import { looksLikeCode } from '../../ledger/codes.js'
import { isErasedCode } from '../../ledger/privacy/identity-hash.js'
import { sendHtmlPage } from '../html-page.js'
import { findWorkspace } from '../../ledger/workspaces.js'
import { landingPage } from '../../../canvas/sheets/landing-page.js'
import { landingPageStateOf } from '../canvas/customer-screens.js'
import { visitorHash } from '../visitor-hash.js'
import { keptVariantOf } from '../../experiments/experiments.js'
import { variantSettings } from '../../experiments/experiment-settings.js'

/** The destination with the code added as a query parameter (an existing one is replaced). */
export function destinationWithCode(destination: string, param: string, code: string): string {
  const url = new URL(destination)
  url.searchParams.set(param, code)
  return url.toString()
}

function sendNotFound(res: Response): void {
  sendHtmlPage(res, 404, {
    title: 'Link not found',
    heading: 'This referral link does not work',
    paragraphs: [
      'The link may have a typo, or the referral program it belonged to has ended.',
      'Ask the person who shared it for a fresh link.',
    ],
  })
}

// An erased person's link is gone for good, and says so rather than sending visitors elsewhere.
function sendGone(res: Response): void {
  sendHtmlPage(res, 410, {
    title: 'Link no longer active',
    heading: 'This referral link is no longer active',
    paragraphs: ['The person who shared it has left the referral program.'],
  })
}

// The landing page: no scripts, inline style, the workspace's logo from any https host.
const LANDING_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"

function redirect(res: Response, url: string): void {
  // no-store: every visit must reach us, or clicks go uncounted.
  res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').redirect(303, url)
}

export function referralLinkRoutes(ctx: AppContext): Router {
  const router = Router()

  // GET /r/:code - a referral link: count the click, then send the visitor on with the code
  router.get('/r/:code', async (req, res) => {
    const code = String(req.params.code)
    const resolved = await resolveCodeAnywhere(ctx.db, code)
    if (!resolved && looksLikeCode(code) && (await isErasedCode(ctx.db, code))) return sendGone(res)
    const campaign = resolved
      ? await getCampaign(ctx.db, resolved.referrer.workspaceId, resolved.referrer.campaignId)
      : null
    // An archived campaign keeps its links working (they are out in emails and posts); only a
    // paused one sends visitors to its fallback page.
    if (!resolved || !campaign || campaign.status === 'paused') {
      const fallback = campaign
        ? campaign.settings.fallbackUrl
        : await fallbackUrlForUnknownCode(ctx.db)
      if (fallback) redirect(res, fallback)
      else sendNotFound(res)
      return
    }
    if (resolved.referrer.blockedAt) {
      // An agent blocked this referrer: the visitor learns the offer is off, nothing is counted.
      sendHtmlPage(res, 200, {
        title: 'Referral programme unavailable',
        heading: 'This referral programme is not available',
        paragraphs: [
          'The invitation behind this link cannot be used right now.',
          'You can still sign up directly; ask the person who shared it if you have questions.',
        ],
      })
      return
    }
    if (req.method === 'GET') {
      // A failed count must not cost the visitor their landing page.
      await recordLinkClick(ctx.db, {
        resolved,
        visitorHash: visitorHash(req, ctx.config.encryptionKey),
      }).catch((error: unknown) =>
        res.locals.log?.error({ err: error }, 'referral link click not counted'),
      )
    }
    const { destinationUrl, codeParam } = campaign.settings
    const primary = resolved.referrer.code
    redirect(
      res,
      destinationUrl
        ? destinationWithCode(destinationUrl, codeParam, primary)
        : `/r/${encodeURIComponent(primary)}/welcome`,
    )
  })

  // GET /r/:code/welcome - the built-in landing page when the campaign sets no destination
  router.get('/r/:code/welcome', async (req, res) => {
    const code = String(req.params.code)
    const resolved = await resolveCodeAnywhere(ctx.db, code)
    if (!resolved && looksLikeCode(code) && (await isErasedCode(ctx.db, code))) return sendGone(res)
    if (!resolved) return sendNotFound(res)
    const [referrer, campaign, workspace, variant] = await Promise.all([
      getParticipant(ctx.db, resolved.referrer.workspaceId, resolved.referrer.participantId),
      getCampaign(ctx.db, resolved.referrer.workspaceId, resolved.referrer.campaignId),
      findWorkspace(ctx.db, resolved.referrer.workspaceId),
      // In an experiment, the friend is offered what their referrer's variant offers.
      keptVariantOf(ctx.db, resolved.referrer),
    ])
    const state = landingPageStateOf({
      settings: variant ? variantSettings(campaign.settings, variant) : campaign.settings,
      workspaceName: workspace?.name ?? null,
      referrerFirstName: referrer?.firstName ?? referrer?.name?.split(/\s+/)[0] ?? null,
      code: resolved.referrer.code,
      locale: req.acceptsLanguages('en', 'es', 'fr', 'de', 'pt') || 'en',
    })
    res
      .status(200)
      .set('Content-Type', 'text/html; charset=utf-8')
      .set('Content-Security-Policy', LANDING_POLICY)
      .set('Cache-Control', 'no-store')
      .set('Referrer-Policy', 'no-referrer')
      .send(landingPage(state))
  })

  // An unreadable request still gets the friendly page, and one log line without a stack (bad
  // %-escapes never get here: src/http/malformed-url.ts answers them first).
  const linkErrors: ErrorRequestHandler = (error, req, res, next) => {
    if (!req.path.startsWith('/r/') || res.headersSent) return next(error)
    if (error instanceof URIError || (error as { status?: unknown }).status === 400) {
      res.locals.log?.info({ reason: String(error.message) }, 'unreadable referral link')
      return sendNotFound(res)
    }
    res.locals.log?.error({ err: error }, 'referral link failed')
    sendHtmlPage(res, 503, {
      title: 'Try again shortly',
      heading: 'This link could not be opened just now',
      paragraphs: ['Please try again in a minute.'],
    })
  }
  router.use(linkErrors)

  return router
}
