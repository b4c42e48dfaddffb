import { type Express } from 'express'
import { type AppContext } from '../../context.js'
import { adminApiRoutes } from './admin-api/index.js'
import { healthRoutes } from './health.js'
import { intercomInstallRoutes } from './intercom-install.js'
import { intercomUninstallRoutes } from './intercom-uninstall.js'

/**
 * Every router the app serves. The Intercom-facing URLs here are the ones app-manifest.json lists.
 */
export function mountRoutes(app: Express, ctx: AppContext): void {
  app.use(healthRoutes(ctx))
  app.use(intercomInstallRoutes(ctx))
  app.use(intercomUninstallRoutes(ctx))
  app.use(adminApiRoutes(ctx))
}
