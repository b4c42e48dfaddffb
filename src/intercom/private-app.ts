import type { WorkerContext, WorkerRegistration } from '../jobs/workers.js'
import { storeWorkspaceConnection } from './connections.js'
import { attributesReady } from './attribute-setup.js'

type AfterConnect = (ctx: WorkerContext, workspaceId: string) => Promise<void>

/**
 * Private-app mode (INTERCOM_ACCESS_TOKEN): the one workspace is connected at start-up, then
 * `afterConnect` runs (the composition root passes the backfill scheduler) and its attributes are
 * created in the background. A failure is logged and never stops the server.
 */
export const registerPrivateApp =
  (afterConnect: AfterConnect): WorkerRegistration =>
  (ctx) =>
    connectPrivateApp(ctx, afterConnect)

async function connectPrivateApp(ctx: WorkerContext, afterConnect: AfterConnect): Promise<void> {
  const privateApp = ctx.config.intercom.privateApp
  if (!privateApp) return
  const { workspaceId, region, accessToken } = privateApp
  try {
    await storeWorkspaceConnection(ctx, {
      workspaceId,
      name: null,
      region,
      accessToken,
      source: 'private',
    })
  } catch (error) {
    ctx.logger.error(
      { err: error, workspaceId },
      'private app: could not store the INTERCOM_ACCESS_TOKEN connection; the workspace stays disconnected',
    )
    return
  }
  await afterConnect(ctx, workspaceId).catch((error: unknown) =>
    ctx.logger.error({ err: error, workspaceId }, 'private app: could not schedule the backfill'),
  )
  // Writers await this same set-up (attribute-setup.ts), so none sends values before it is done.
  void attributesReady(ctx, workspaceId).then(
    () => ctx.logger.info({ workspaceId }, 'private app: Intercom contact attributes ready'),
    (error: unknown) =>
      ctx.logger.error(
        { err: error, workspaceId },
        'private app: could not create the contact attributes in Intercom (check INTERCOM_ACCESS_TOKEN and its "Write data attributes" permission)',
      ),
  )
}
