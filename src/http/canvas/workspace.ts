import { workspaceIdOf } from '../../../canvas/requests.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { ensureWorkspaceKnown } from '../../ledger/workspaces.js'

/** The workspace a Canvas Kit request is for, created with its default campaign on first sight. */
export async function canvasWorkspace(
  ctx: AppContext,
  body: { workspace_id?: string | null; app_id?: string | null; workspace_region?: string | null },
): Promise<string> {
  const id = workspaceIdOf(body)
  if (!id) throw new AppError('bad_request', 'Invalid request: workspace_id: required')
  const region = body.workspace_region?.trim().toUpperCase()
  await ensureWorkspaceKnown(
    ctx.db,
    { id, region: region && /^[A-Z]{2}$/.test(region) ? region : null },
    ctx.knownWorkspaces ?? null,
  )
  return id
}
