import { Router } from 'express'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import type { AppMetrics } from '../../metrics.js'
import { bearerMatches } from '../bearer.js'

export function metricsRoutes(ctx: AppContext, metrics: AppMetrics): Router {
  const router = Router()

  // GET /metrics - Prometheus exposition; only with ADMIN_API_KEY (bearer), closed without one
  router.get('/metrics', async (req, res) => {
    const key = ctx.config.adminApiKey
    if (!key || !bearerMatches(req.get('authorization'), key)) {
      res.setHeader('WWW-Authenticate', 'Bearer')
      throw new AppError(
        'unauthorized',
        key
          ? 'A valid bearer key is required for /metrics.'
          : '/metrics is closed: set ADMIN_API_KEY and send it as a bearer key.',
      )
    }
    try {
      const body = await metrics.registry.metrics()
      res.setHeader('Content-Type', metrics.registry.contentType)
      res.send(body)
    } catch {
      throw new AppError('unavailable', 'Metrics are unavailable: the database did not answer.')
    }
  })

  return router
}
