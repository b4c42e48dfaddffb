import { type Router } from 'express'
import { type ApiRegistry, type RouteSpec } from './api-route.js'

/**
 * A route whose module has not landed in this build: a clear 501, never made-up data. It stays in
 * the OpenAPI document so the shape of the API is visible.
 */
export function notAvailableRoute(
  router: Router,
  registry: ApiRegistry,
  spec: Omit<RouteSpec, 'response' | 'produces'>,
  what: string,
): void {
  registry.routes.push({ ...spec, produces: 'application/json' })
  router[spec.method](spec.path, (_req, res) => {
    res.status(501).json({
      error: { code: 'not_implemented', message: `${what} is not available in this build yet.` },
    })
  })
}
