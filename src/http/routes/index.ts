import type { Express } from 'express'
import type { AppContext } from '../../context.js'
import { adminApiRoutes } from './admin-api/index.js'
import { adminDashboardRoutes } from './admin-dashboard/index.js'
import { canvasInboxRoutes } from './canvas-inbox.js'
import { canvasMessengerRoutes } from './canvas-messenger.js'
import { finConnectorRoutes } from './fin-connectors.js'
import { canvasContestRoutes } from './canvas-contests.js'
import { contestPageRoutes } from './contests/contest-pages.js'
import { experimentPageRoutes } from './contests/experiment-pages.js'
import { healthRoutes } from './health.js'
import { playgroundRoutes } from './playground.js'
import { intercomInstallRoutes } from './intercom-install.js'
import { intercomUninstallRoutes } from './intercom-uninstall.js'
import { intercomWebhookRoutes } from './intercom-webhooks.js'
import { qrCodeRoutes } from './qr-code.js'
import { referralLinkRoutes } from './referral-link.js'
import { shareRedirectRoutes } from './share-redirect.js'
import { snippetRoutes } from './snippet.js'
import { stripeWebhookRoutes } from './stripe-webhooks.js'

/**
 * Every router the app serves. The Intercom-facing URLs here are the ones app-manifest.json lists.
 */
export function mountRoutes(app: Express, ctx: AppContext): void {
  // Intercom's calls first: every request walks the routers in this order until one matches.
  app.use(canvasMessengerRoutes(ctx))
  app.use(canvasInboxRoutes(ctx))
  app.use(canvasContestRoutes(ctx))
  app.use(intercomWebhookRoutes(ctx))
  app.use(stripeWebhookRoutes(ctx))
  app.use(finConnectorRoutes(ctx))
  app.use(qrCodeRoutes(ctx))
  app.use(referralLinkRoutes(ctx))
  app.use(shareRedirectRoutes(ctx))
  app.use(healthRoutes(ctx))
  app.use(intercomInstallRoutes(ctx))
  app.use(intercomUninstallRoutes(ctx))
  app.use(adminApiRoutes(ctx))
  app.use(adminDashboardRoutes(ctx))
  app.use(contestPageRoutes(ctx))
  app.use(experimentPageRoutes(ctx))
  app.use(snippetRoutes(ctx))
  app.use(playgroundRoutes(ctx))
}
