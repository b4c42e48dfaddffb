import type { WorkerRegistration } from '../jobs/workers.js'
import { PACK_VERSION } from './pack.js'
import { provisionFinPack } from './provision.js'

/**
 * At start, in the background: the private app's workspace gets its pack, and every connected
 * workspace whose pack is older than this version of the app gets the new definitions. Failures
 * are kept per workspace for the Fin page and never stop the server.
 */
export const registerFinPack: WorkerRegistration = async (ctx) => {
  const privateWorkspace = ctx.config.intercom.privateApp?.workspaceId ?? null
  const outdated = await ctx.db
    .selectFrom('workspaces')
    .leftJoin('fin_packs', 'fin_packs.workspace_id', 'workspaces.id')
    .select('workspaces.id')
    .where('workspaces.status', '=', 'active')
    .where('workspaces.access_token_ciphertext', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('fin_packs.pack_version', 'is', null),
        eb('fin_packs.pack_version', '<', PACK_VERSION),
        ...(privateWorkspace ? [eb('workspaces.id', '=', privateWorkspace)] : []),
      ]),
    )
    .limit(1000)
    .execute()
  const ids = outdated.map((row) => row.id)
  let stopped = false
  const run = (async () => {
    for (const workspaceId of ids) {
      if (stopped) return
      const outcome = await provisionFinPack(ctx, workspaceId).catch((error: unknown) => ({
        status: 'failed' as const,
        message: String(error),
      }))
      ctx.logger.info({ workspaceId, fin: outcome }, 'fin: data connectors checked at start')
    }
  })()
  return async () => {
    stopped = true
    await run
  }
}
