import { workspaceIdOf } from '../../../canvas/requests.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { ensureWorkspaceKnown, workspaceInstalled } from '../../ledger/workspaces.js'
import { PLAYGROUND_WORKSPACE } from '../canvas-signer.js'

/** A signed Canvas Kit request from a workspace that never installed the app: nothing is created. */
export class WorkspaceNotInstalledError extends AppError {
  constructor() {
    super('not_found', 'This workspace has not installed the app.')
  }
}

/**
 * The workspace a Canvas Kit request is for. Only an installed workspace is served: a signed
 * request never creates one, except the private app's own workspace and the playground's sandbox,
 * which exist by configuration rather than by an install.
 */
export async function canvasWorkspace(
  ctx: AppContext,
  body: { workspace_id?: string | null; app_id?: string | null; workspace_region?: string | null },
): Promise<string> {
  const id = workspaceIdOf(body)
  if (!id) throw new AppError('bad_request', 'Invalid request: workspace_id: required')
  if (id === PLAYGROUND_WORKSPACE || id === ctx.config.intercom.privateApp?.workspaceId) {
    const region = body.workspace_region?.trim().toUpperCase()
    await ensureWorkspaceKnown(
      ctx.db,
      { id, region: region && /^[A-Z]{2}$/.test(region) ? region : null },
      ctx.knownWorkspaces ?? null,
    )
  } else if (!(await workspaceInstalled(ctx.db, id, ctx.knownWorkspaces ?? null))) {
    throw new WorkspaceNotInstalledError()
  }
  return id
}
