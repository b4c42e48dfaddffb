import { randomBytes } from 'node:crypto'
import { type Response, Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { IntercomApiError } from '../../intercom/api-types.js'
import { connectWorkspace, identifyAdmin } from '../../intercom/install.js'
import { scheduleBackfill } from '../../sync/backfill.js'
import {
  appStoreRedirect,
  authorizeUrl,
  exchangeCode,
  OauthError,
  oauthCredentials,
} from '../../intercom/oauth.js'
import {
  OauthStateError,
  redeemOauthState,
  stateBelongsToBrowser,
  verifyOauthState,
  type OauthPurpose,
} from '../../intercom/oauth-state.js'
import { provisionFinPack } from '../../fin/provision.js'
import { readCookie, setAdminSession } from '../admin-session.js'
import { newReference } from '../error-handler.js'
import { parse } from '../parse.js'

const OAUTH_NONCE_COOKIE = 'referrals_oauth_nonce'

const installQuery = z.object({ purpose: z.enum(['install', 'admin']).default('install') })

// Every value optional: a bad callback ends on the App Store redirect with a message, never a 400.
const callbackQuery = z.object({
  code: z.string().min(1).max(2000).optional().catch(undefined),
  state: z.string().min(1).max(4000).optional().catch(undefined),
  error: z.string().max(200).optional().catch(undefined),
})

const NOT_CONFIGURED =
  'This app is not set up for App Store installs (INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET are missing).'

export function intercomInstallRoutes(ctx: AppContext): Router {
  const router = Router()

  // GET /intercom/install - the Direct installation URL: on to Intercom's authorize page with a signed state
  router.get('/intercom/install', (req, res) => {
    const { purpose } = parse(installQuery, req.query, 'query')
    const credentials = oauthCredentials(ctx.config)
    if (!credentials) throw new AppError('unavailable', NOT_CONFIGURED)
    // The state is bound to this browser by a nonce cookie it must bring back to the callback.
    const nonce = randomBytes(18).toString('base64url')
    res.cookie(OAUTH_NONCE_COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicUrl.startsWith('https:'),
      path: '/intercom',
      maxAge: 10 * 60 * 1000,
    })
    res.redirect(302, authorizeUrl(ctx.config, credentials, purpose, nonce))
  })

  // GET /intercom/oauth/callback - Intercom returns here with ?code&state after the teammate authorizes
  router.get('/intercom/oauth/callback', async (req, res) => {
    const query = callbackQuery.parse(req.query)
    const log = res.locals.log
    let purpose: OauthPurpose = 'install'
    try {
      const credentials = oauthCredentials(ctx.config)
      if (!credentials) throw new OauthError(NOT_CONFIGURED)
      if (!query.state) {
        throw new OauthStateError(
          'invalid',
          'The install request could not be verified (state is missing). Please start the installation again.',
        )
      }
      const state = verifyOauthState(credentials.clientSecret, query.state)
      purpose = state.purpose
      if (!stateBelongsToBrowser(state, readCookie(req, OAUTH_NONCE_COOKIE)))
        throw new OauthStateError(
          'invalid',
          'This sign-in was started in another browser (or its cookie was lost). Please start again from this browser.',
        )
      await redeemOauthState(ctx.db, state)
      if (query.error || !query.code) {
        throw new OauthError(
          `Intercom did not authorize the app${query.error ? ` (${query.error})` : ''}. Please try again.`,
        )
      }
      const token = await exchangeCode(ctx.config, credentials, query.code)
      if (purpose === 'admin') {
        const admin = await identifyAdmin(ctx, token)
        setAdminSession(res, ctx.config, admin)
        res.redirect(302, '/admin')
        return
      }
      const workspace = await connectWorkspace(ctx, token)
      await scheduleBackfill(ctx, workspace.workspaceId)
      log.info({ workspaceId: workspace.workspaceId }, 'Intercom workspace installed')
      // Fin's connectors: a refusal is kept for the Fin page and never fails the install.
      const fin = await provisionFinPack(ctx, workspace.workspaceId)
      log.info({ workspaceId: workspace.workspaceId, fin }, 'Fin data connectors provisioned')
      res.redirect(302, appStoreRedirect({ ok: true }))
    } catch (error) {
      failed(res, purpose, readableFailure(error, log))
    }
  })

  return router
}

/** The teammate-facing reason; anything unexpected is logged with a reference they can quote. */
function readableFailure(error: unknown, log: AppContext['logger']): string {
  if (error instanceof OauthStateError || error instanceof OauthError) {
    log.info({ reason: error.message }, 'Intercom OAuth refused')
    return error.message
  }
  if (error instanceof IntercomApiError) {
    log.warn({ err: error }, 'Intercom OAuth: API call failed')
    return `Intercom refused a request while finishing the installation (${error.status ?? 'no answer'}: ${error.message}). Please try again.`
  }
  const reference = newReference()
  log.error({ err: error, reference }, 'Intercom OAuth: unexpected failure')
  return `Something went wrong while finishing the installation (reference ${reference}). Please try again.`
}

function failed(res: Response, purpose: OauthPurpose, message: string): void {
  if (purpose === 'admin') {
    // A sign-in to our own dashboard: say so here rather than on Intercom's App Store page.
    res.status(401).type('text/plain').send(`Sign-in failed: ${message}`)
    return
  }
  res.redirect(302, appStoreRedirect({ ok: false, message }))
}
