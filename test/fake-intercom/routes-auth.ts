import express, { type Router } from 'express'
import type { FakeContext } from './context.js'
import { FakeHttpError, badRequest } from './errors.js'
import { FAKE_ADMIN_ID, newOAuthCode, newToken } from './state.js'

const CODE_LIFETIME_MS = 5 * 60_000

/** Issues an authorization code as the authorize page would after the admin clicks "Authorize". */
export function issueCode(ctx: FakeContext): string {
  const code = newOAuthCode()
  ctx.state.codes.set(code, ctx.nowMs() + CODE_LIFETIME_MS)
  return code
}

/** OAuth: the authorize page (redirects at once, as if the admin approved) and the token exchange. */
export function oauthRoutes(ctx: FakeContext): Router {
  const router = express.Router()

  // GET /oauth — Intercom's authorize page
  router.get('/oauth', (req, res) => {
    const { client_id: clientId, state, redirect_uri: redirectUri } = req.query
    if (clientId !== ctx.clientId) throw badRequest('Unknown client_id', 'bad_request')
    if (typeof redirectUri !== 'string' || !/^https?:\/\//.test(redirectUri)) {
      throw badRequest('redirect_uri is required', 'bad_request')
    }
    const target = new URL(redirectUri)
    target.searchParams.set('code', issueCode(ctx))
    if (typeof state === 'string') target.searchParams.set('state', state)
    res.redirect(302, target.toString())
  })

  // POST /auth/eagle/token — code → access token (form-encoded or JSON)
  router.post('/auth/eagle/token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    if (body.client_id !== ctx.clientId || body.client_secret !== ctx.clientSecret) {
      throw new FakeHttpError(401, 'unauthorized', 'Unauthorized Client')
    }
    const code = typeof body.code === 'string' ? body.code : ''
    const expiresAt = ctx.state.codes.get(code)
    if (expiresAt === undefined || expiresAt < ctx.nowMs()) {
      throw new FakeHttpError(401, 'unauthorized', 'Unauthorized Code')
    }
    ctx.state.codes.delete(code)
    const token = newToken()
    ctx.state.tokens.set(token, true)
    res.json({ token_type: 'Bearer', token, access_token: token })
  })

  return router
}

/** Routes behind the bearer token that describe or end the installation. */
export function installationRoutes(ctx: FakeContext): Router {
  const router = express.Router()

  // GET /me — the admin behind the token, and the workspace (app.id_code)
  router.get('/me', (_req, res) => {
    const { workspace } = ctx.state
    res.json({
      type: 'admin',
      id: FAKE_ADMIN_ID,
      email: workspace.adminEmail,
      name: 'Fake Admin',
      email_verified: true,
      app: {
        type: 'app',
        id_code: workspace.id,
        name: workspace.name,
        region: workspace.region,
        timezone: 'Europe/London',
        created_at: 1_700_000_000,
        identity_verification: false,
      },
    })
  })

  // POST /auth/uninstall — revokes the calling token
  router.post('/auth/uninstall', (_req, res) => {
    ctx.state.tokens.set(String(res.locals.token), false)
    res.json({})
  })

  return router
}
