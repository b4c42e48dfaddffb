import type { WorkerRegistration } from '../jobs/workers.js'
import { scheduleBackfill } from '../sync/backfill.js'
import { storeWorkspaceConnection } from './connections.js'
import { attributesReady } from './attribute-setup.js'

/**
 * Private-app mode (INTERCOM_ACCESS_TOKEN): the one workspace is connected at start-up and its
 * attributes created in the background. A failure is logged and never stops the server.
 */
export const registerPrivateApp: WorkerRegistration = async (ctx) => {
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
  await scheduleBackfill(ctx, workspaceId).catch((error: unknown) =>
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
