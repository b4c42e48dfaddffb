import type { RequestHandler } from 'express'
import type { AppMetrics } from '../metrics.js'

/**
 * Request latency by route pattern (`/r/:code`, never the raw path, so label values stay few)
 * and status. Requests that matched no route are counted under `unmatched`.
 */
export function observeRequests(metrics: AppMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.requestDuration.startTimer()
    res.on('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path
      const route =
        typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : (res.locals.route ?? 'unmatched')
      end({ method: req.method, route, status: String(res.statusCode) })
    })
    next()
  }
}
