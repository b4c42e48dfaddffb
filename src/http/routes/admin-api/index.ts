import { type RequestHandler, Router } from 'express'
import type { AppContext } from '../../../context.js'
import { AppError } from '../../../errors.js'
import { requireAdmin } from '../../admin-auth.js'
import { analyticsRoutes } from './analytics.js'
import { AdminApi } from './api-route.js'
import { billingRoutes } from './billing.js'
import { bulkDecisionRoutes } from './bulk-decisions.js'
import { campaignRoutes } from './campaigns.js'
import { couponPoolRoutes } from './coupon-pools.js'
import { customerPreviewRoutes } from './customer-preview.js'
import { deadLetterRoutes } from './dead-letters.js'
import { exportRoutes } from './exports.js'
import { buildOpenApi } from './openapi.js'
import { privacyRoutes } from './privacy.js'
import { referralRoutes } from './referrals.js'
import { referrerRoutes } from './referrers.js'
import { rewardRoutes } from './rewards.js'
import { syncRunRoutes } from './sync-runs.js'
import { workspaceRoutes } from './workspaces.js'

// A cookie-authenticated change must be JSON: a cross-site HTML form cannot send that without a
// CORS preflight, which this API never grants (defence in depth on top of SameSite=Lax).
const jsonChangesOnly: RequestHandler = (req, _res, next) => {
  const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS'
  if (!safe && !req.get('authorization') && !req.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Send changes as application/json.')
  }
  next()
}

// In this order in the OpenAPI document.
const RESOURCES: readonly ((api: AdminApi) => void)[] = [
  workspaceRoutes,
  campaignRoutes,
  customerPreviewRoutes,
  referrerRoutes,
  referralRoutes,
  rewardRoutes,
  bulkDecisionRoutes,
  couponPoolRoutes,
  syncRunRoutes,
  deadLetterRoutes,
  analyticsRoutes,
  exportRoutes,
  billingRoutes,
  privacyRoutes,
]

/** The admin REST API under /api/v1, and its OpenAPI document at /api/openapi.json. */
export function adminApiRoutes(ctx: AppContext): Router {
  const v1 = Router()
  v1.use(requireAdmin(ctx.config), jsonChangesOnly)
  const api = new AdminApi(v1, ctx)
  for (const registerRoutes of RESOURCES) registerRoutes(api)

  let document: Record<string, unknown> | undefined
  const router = Router()
  // GET /api/openapi.json - the API's description, generated from the routes' zod schemas
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApi(api.routes, `${ctx.config.publicUrl}/api/v1`)
    res.json(document)
  })
  router.use('/api/v1', v1)
  return router
}
