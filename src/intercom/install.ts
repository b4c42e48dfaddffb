import type { AppContext } from '../context.js'
import { listCampaigns } from '../ledger/campaigns.js'
import { findWorkspace } from '../ledger/workspaces.js'
import type { IntercomWorkspaceInfo } from './api-types.js'
import { createIntercomApi } from './client.js'
import { storeWorkspaceConnection } from './connections.js'
import { createMissingAttributes, DEFAULT_MAPPING } from './data-attributes.js'
import { OauthError } from './oauth.js'
import { sweepPendingWrites } from './writeback/sweeper.js'

/**
 * Finishes an App Store install with a fresh token: learns the workspace from /me, creates the
 * contact attributes, and only then stores the (encrypted) token, so a failure stores nothing.
 * Contacts that changed while the workspace had no token are enqueued for write-back. The caller
 * schedules the backfill of existing users (src/sync/backfill.ts), which builds on this module.
 */
export async function connectWorkspace(
  ctx: AppContext,
  accessToken: string,
): Promise<IntercomWorkspaceInfo> {
  const api = createIntercomApi(ctx, { accessToken, region: 'US' })
  const me = await api.me()
  const regional = createIntercomApi(ctx, {
    accessToken,
    region: me.region,
    workspaceId: me.workspaceId,
  })
  const campaigns = (await findWorkspace(ctx.db, me.workspaceId))
    ? await listCampaigns(ctx.db, me.workspaceId)
    : []
  const mappings = campaigns.map((campaign) => campaign.settings.attributes)
  await createMissingAttributes(regional, mappings.length > 0 ? mappings : [DEFAULT_MAPPING])
  await storeWorkspaceConnection(ctx, {
    workspaceId: me.workspaceId,
    name: me.name,
    region: me.region,
    accessToken,
    source: 'oauth',
  })
  // The attributes exist now: this instance's first writes need not list them again.
  ctx.attributeSetup?.done(me.workspaceId)
  if (ctx.jobs)
    await sweepPendingWrites({ ...ctx, jobs: ctx.jobs }, { workspaceId: me.workspaceId })
  return me
}

/** Admin sign-in: who the token belongs to; only a workspace the app knows has a dashboard. */
export async function identifyAdmin(
  ctx: AppContext,
  accessToken: string,
): Promise<{ workspaceId: string; adminEmail: string }> {
  const me = await createIntercomApi(ctx, { accessToken, region: 'US' }).me()
  if (!(await findWorkspace(ctx.db, me.workspaceId))) {
    throw new OauthError(
      'This Intercom workspace has not installed the app yet. Install it from the App Store first.',
    )
  }
  if (!me.adminEmail) throw new OauthError('Intercom did not name the signed-in admin.')
  return { workspaceId: me.workspaceId, adminEmail: me.adminEmail }
}
