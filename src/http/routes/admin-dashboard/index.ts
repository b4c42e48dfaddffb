import { fileURLToPath } from 'node:url'
import express, { type Response, Router } from 'express'
import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import {
  DELIVERY_FAILED,
  listRewards,
  listReferrals,
  searchReferrers,
} from '../../../ledger/admin/listings.js'
import { getCampaign, listCampaigns } from '../../../ledger/campaigns.js'
import { listWorkspaces } from '../../../ledger/workspaces.js'
import {
  createDemoWorkspace,
  isDemoWorkspace,
  removeDemoWorkspace,
} from '../../../ledger/demo-workspace.js'
import { principalOf, sameSecret, scopedWorkspace } from '../../admin-auth.js'
import { clearAdminSession, clearOperatorSession, setOperatorSession } from '../../admin-session.js'
import { toAppError } from '../../error-handler.js'
import { endPresentedSessions } from '../../live-sessions.js'
import { perIpLimit } from '../../rate-limit.js'
import { analyticsPage } from './analytics-page.js'
import { backfillRoutes } from './backfill-page.js'
import { type ClientBundle, loadClientBundle, servePlaygroundScript } from './client-bundle.js'
import { finPageRoutes } from './fin-page.js'
import { payoutsRoutes } from './payouts-routes.js'
import { timeZoneRoutes } from './time-zone-routes.js'
import { html } from './html.js'
import { page, type PageOptions } from './layout.js'
import { referralsBody, referrersBody, rewardsBody, signInBody, syncBody } from './pages.js'
import { campaignPage, editorContext } from './campaign-page.js'
import { campaignsPage } from './campaigns-page.js'
import { couponCodesPage } from './coupon-codes-page.js'
import { noticesPage } from './notices-page.js'
import { overviewPage } from './overview-page.js'
import { privacyBody } from './privacy-page.js'
import { billingPage } from './billing-page-handler.js'
import { listingPage } from './listing-page.js'
import { referralStatusCounts, rewardStatusCounts } from '../../../ledger/admin/status-counts.js'
import { tabWithWork } from './status-tabs.js'
import { referrerPage } from './referrer-page.js'
import { settingsPage } from './settings-page.js'
import { demoBanner, welcomeBody, workspacesBody } from './welcome-page.js'
import { listQuery, type PageHandler } from './page-handler.js'

const ASSETS = fileURLToPath(new URL('../../../../public/admin/', import.meta.url))
// The preview draws canvases with the playground's renderer: one renderer, served here too.
const CANVAS_RENDER = fileURLToPath(new URL('../../../../public/playground/', import.meta.url))

/** The privacy page's search box: one trimmed line, or nothing. */
function privacyQuery(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 254) : ''
}

function send(res: Response, status: number, options: PageOptions, body: ReturnType<typeof html>) {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store')
  res.send(page(options, body))
}

/** The web dashboard at /admin: server-rendered pages over the same ledger reads as the API. */
export function adminDashboardRoutes(ctx: AppContext): Router {
  const router = Router()
  const { config } = ctx

  // The dashboard's script, built from TypeScript: loaded once per router, kept in memory.
  let client: Promise<ClientBundle> | undefined
  router.get('/admin/assets/admin.js', async (req, res) => {
    client ??= loadClientBundle().catch((error: unknown) => {
      client = undefined
      throw error
    })
    const { code, etag } = await client
    res.setHeader('Cache-Control', 'no-cache')
    res.setHeader('ETag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end()
      return
    }
    res.type('application/javascript').send(code)
  })
  router.use('/admin/assets', express.static(ASSETS, { index: false, maxAge: '1h' }))
  router.get('/admin/assets/canvas-render.js', servePlaygroundScript('canvas-render.js'))
  router.get('/admin/assets/canvas-render.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600')
    res.sendFile('canvas-render.css', { root: CANVAS_RENDER })
  })
  router.use(backfillRoutes(ctx))
  router.use(finPageRoutes(ctx))
  router.use(payoutsRoutes(ctx))
  router.use(timeZoneRoutes(ctx))

  // GET /admin - sign-in, or the workspaces the caller may open
  router.get('/admin', async (req, res) => {
    const principal = principalOf(req, config)
    if (principal?.kind === 'session') {
      res.redirect(303, `/admin/w/${encodeURIComponent(principal.workspaceId)}`)
      return
    }
    if (principal?.kind === 'operator') {
      const workspaces = await listWorkspaces(ctx.db)
      const oauth = Boolean(config.intercom.clientId)
      send(
        res,
        200,
        { title: workspaces.length ? 'Workspaces' : 'Welcome', signedIn: true },
        workspaces.length ? workspacesBody(workspaces, { oauth }) : welcomeBody({ oauth }),
      )
      return
    }
    send(
      res,
      200,
      { title: 'Sign in' },
      signInBody({ intercom: Boolean(config.intercom.clientId) }),
    )
  })

  // POST /admin/sign-in - the operator's ADMIN_API_KEY, exchanged for an HttpOnly cookie
  // Only refused attempts count: 10 wrong keys per IP per 15 minutes, then 429.
  const signInLimit = perIpLimit(ctx.db, 'operator sign-in', {
    limit: 10,
    windowMs: 15 * 60_000,
    failuresOnly: true,
  })
  router.post('/admin/sign-in', signInLimit, (req, res) => {
    const key = typeof req.body?.key === 'string' ? req.body.key.trim() : ''
    if (!config.adminApiKey || !key || !sameSecret(config.adminApiKey, key)) {
      const error = config.adminApiKey
        ? 'That key is not correct.'
        : 'This server has no admin key set (the ADMIN_API_KEY variable), so signing in with a key is closed.'
      send(
        res,
        401,
        { title: 'Sign in' },
        signInBody({ error, intercom: Boolean(config.intercom.clientId) }),
      )
      return
    }
    setOperatorSession(res, config)
    res.redirect(303, '/admin')
  })

  // POST /admin/demo-workspace - a workspace of sample data to look around in (operator only)
  router.post('/admin/demo-workspace', async (req, res) => {
    if (principalOf(req, config)?.kind !== 'operator') {
      res.redirect(303, '/admin')
      return
    }
    const workspace = await createDemoWorkspace(ctx.db)
    res.redirect(303, `/admin/w/${encodeURIComponent(workspace.id)}`)
  })

  // POST /admin/demo-workspace/:workspaceId/remove - the demo workspace and all its rows go
  router.post('/admin/demo-workspace/:workspaceId/remove', async (req, res) => {
    if (principalOf(req, config)?.kind !== 'operator') {
      res.redirect(303, '/admin')
      return
    }
    await removeDemoWorkspace(ctx.db, String(req.params.workspaceId))
    res.redirect(303, '/admin')
  })

  // POST /admin/sign-out - forget both kinds of dashboard session
  router.post('/admin/sign-out', async (req, res) => {
    await endPresentedSessions(ctx.db, req, config)
    clearOperatorSession(res, config)
    clearAdminSession(res, config)
    res.redirect(303, '/admin')
  })

  const pages: [string, PageHandler][] = [
    // GET /admin/w/:workspaceId - analytics overview with charts
    [
      '',
      async ({ workspace, base }) => ({
        options: { title: `Overview: ${workspace.name ?? workspace.id}`, current: 'overview' },
        body: await overviewPage(ctx, workspace.id, base),
      }),
    ],
    // GET /admin/w/:workspaceId/analytics - date range, campaign split, funnel, revenue, channels
    ['/analytics', analyticsPage(ctx)],
    // GET /admin/w/:workspaceId/campaigns - the campaigns
    [
      '/campaigns',
      async ({ workspace, base }) => ({
        options: { title: 'Campaigns', current: 'campaigns' },
        body: campaignsPage(base, workspace.id, await listCampaigns(ctx.db, workspace.id)),
      }),
    ],
    // GET /admin/w/:workspaceId/campaigns/:campaignId - every setting, saved through the API
    [
      '/campaigns/:campaignId',
      async ({ workspace, req, base }) => {
        const campaign = await getCampaign(ctx.db, workspace.id, String(req.params.campaignId))
        return {
          options: { title: campaign.name, current: 'campaigns' },
          body: campaignPage(
            { base, workspaceId: workspace.id, campaign },
            await editorContext(ctx, workspace.id, campaign),
          ),
        }
      },
    ],
    // GET /admin/w/:workspaceId/campaigns/:campaignId/coupons - paste or upload coupon codes
    ['/campaigns/:campaignId/coupons', couponCodesPage(ctx)],
    // GET /admin/w/:workspaceId/notices - data events with message recipes for Intercom
    ['/notices', noticesPage(ctx)],
    // GET /admin/w/:workspaceId/referrers - search and page
    [
      '/referrers',
      listingPage(ctx, {
        options: { title: 'Referrers', current: 'referrers' },
        filter: ({ q }) => ({ q }),
        list: searchReferrers,
        body: (found, { base, workspaceId, filter }) =>
          referrersBody(base, filter.q ?? '', found, workspaceId),
      }),
    ],
    // GET /admin/w/:workspaceId/referrers/:referrerId - one referrer: link, friends, rewards, history
    ['/referrers/:referrerId', referrerPage(ctx)],
    // GET /admin/w/:workspaceId/referrals - by status and campaign, with counts per status
    [
      '/referrals',
      async (input) => {
        const [counts, campaigns] = await Promise.all([
          referralStatusCounts(ctx.db, input.workspace.id),
          listCampaigns(ctx.db, input.workspace.id),
        ])
        const campaign = input.query.campaign
        return listingPage(ctx, {
          options: { title: 'Referrals', current: 'referrals' },
          filter: ({ status }) => ({
            status: z.enum(['pending', 'qualified', 'rejected']).safeParse(status).data,
            campaignId: campaign,
          }),
          list: listReferrals,
          body: (found, { base, workspaceId, filter }) =>
            referralsBody(base, filter.status ?? '', found, {
              workspaceId,
              counts,
              campaigns,
              campaign,
            }),
        })(input)
      },
    ],
    // GET /admin/w/:workspaceId/rewards - the review queue, open on the tab that has work
    [
      '/rewards',
      async (input) => {
        const counts = await rewardStatusCounts(ctx.db, input.workspace.id)
        const statuses = z.enum([
          DELIVERY_FAILED,
          'pending',
          'approved',
          'fulfilled',
          'declined',
          'reversed',
        ])
        const status =
          input.query.status === undefined
            ? statuses.safeParse(tabWithWork([DELIVERY_FAILED, 'pending', 'approved'], counts)).data
            : statuses.safeParse(input.query.status).data
        return listingPage(ctx, {
          options: { title: 'Reward review', current: 'rewards' },
          filter: () => ({ status }),
          list: listRewards,
          body: (found, { base, workspaceId }) =>
            rewardsBody(base, workspaceId, status ?? '', found, counts),
        })(input)
      },
    ],
    // GET /admin/w/:workspaceId/billing - Stripe connection, unmatched events, a referral's history
    ['/billing', (input) => billingPage(ctx, input)],
    // GET /admin/w/:workspaceId/sync - sync runs with live progress (polled by the dashboard's script)
    [
      '/sync',
      async ({ workspace }) => ({
        options: { title: 'Sync runs', current: 'sync' },
        body: syncBody(workspace.id),
      }),
    ],
    // GET /admin/w/:workspaceId/settings - the operator's settings of a campaign
    ['/settings', settingsPage(ctx)],
    // GET /admin/w/:workspaceId/privacy - find, export or erase a person; retention periods
    [
      '/privacy',
      async ({ workspace, req }) => ({
        options: { title: 'Privacy', current: 'privacy' },
        body: await privacyBody(ctx.db, config, workspace.id, privacyQuery(req.query.q)),
      }),
    ],
  ]

  for (const [suffix, handler] of pages) {
    router.get(`/admin/w/:workspaceId${suffix}`, async (req, res) => {
      const principal = principalOf(req, config)
      if (!principal) {
        res.redirect(303, '/admin')
        return
      }
      const workspaceId = String(req.params.workspaceId)
      const base = `/admin/w/${encodeURIComponent(workspaceId)}`
      try {
        const workspace = await scopedWorkspace(ctx.db, principal, workspaceId)
        const query = listQuery.parse(req.query)
        const { options, body } = await handler({ req, res, principal, workspace, base, query })
        const shown = isDemoWorkspace(workspaceId) ? html`${demoBanner(workspaceId)}${body}` : body
        send(res, 200, { ...options, workspaceId, signedIn: true }, shown)
      } catch (error) {
        const known = toAppError(error)
        if (!known) throw error
        const status = known.status
        send(
          res,
          status,
          { title: status === 404 ? 'Not found' : 'Something is wrong', signedIn: true },
          html`<p>${known.message}</p>
            <p><a href="/admin">Back</a></p>`,
        )
      }
    })
  }

  return router
}
