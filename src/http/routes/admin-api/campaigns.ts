import { type Router } from 'express'
import { z } from 'zod'
import { type AppContext } from '../../../context.js'
import { campaignSettingsSchema } from '../../../ledger/campaign-settings.js'
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../../ledger/campaigns.js'
import {
  attributeMappingChanged,
  mergeCampaignSettings,
} from '../../../ledger/admin/settings-merge.js'
import { outboundPolicy, refuseUnsafeSettingUrls } from '../../../outbound/settings-urls.js'
import { actorOf } from './actor.js'
import { type ApiRegistry, apiRoute } from './api-route.js'
import { afterAttributeMappingChange } from './integrations.js'
import { campaignSchema, uuid, workspaceParams } from './schemas.js'

const campaignParams = workspaceParams.extend({ campaignId: uuid })
const name = z.string().trim().min(1, 'must not be empty').max(120)

const createBody = z.object({
  name,
  settings: campaignSettingsSchema.optional().describe('omitted settings take their defaults'),
})

const updateBody = z.object({
  name: name.optional(),
  status: z.enum(['active', 'paused', 'archived']).optional(),
  settings: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'any subset of CampaignSettings: objects are merged key by key, arrays and maps replaced, then the whole is validated',
    ),
})

export function campaignRoutes(router: Router, registry: ApiRegistry, ctx: AppContext): void {
  const base = '/workspaces/:workspaceId/campaigns'

  // GET /api/v1/workspaces/:workspaceId/campaigns - every campaign with its settings
  apiRoute(
    router,
    registry,
    ctx,
    {
      method: 'get',
      path: base,
      operationId: 'listCampaigns',
      summary: 'List campaigns',
      tag: 'campaigns',
      params: workspaceParams,
      response: z.object({ items: z.array(campaignSchema) }),
    },
    async ({ workspace }) => ({ items: await listCampaigns(ctx.db, workspace.id) }),
  )

  // GET /api/v1/workspaces/:workspaceId/campaigns/:campaignId - one campaign
  apiRoute(
    router,
    registry,
    ctx,
    {
      method: 'get',
      path: `${base}/:campaignId`,
      operationId: 'getCampaign',
      summary: 'Show a campaign',
      tag: 'campaigns',
      params: campaignParams,
      response: campaignSchema,
    },
    async ({ workspace, params }) => getCampaign(ctx.db, workspace.id, params.campaignId),
  )

  // POST /api/v1/workspaces/:workspaceId/campaigns - a new campaign
  apiRoute(
    router,
    registry,
    ctx,
    {
      method: 'post',
      path: base,
      operationId: 'createCampaign',
      summary: 'Create a campaign',
      tag: 'campaigns',
      params: workspaceParams,
      body: createBody,
      response: campaignSchema,
      status: 201,
    },
    async ({ workspace, body, principal }) => {
      await refuseUnsafeSettingUrls(body.settings, outboundPolicy(ctx.config))
      const campaign = await createCampaign(ctx.db, {
        workspaceId: workspace.id,
        name: body.name,
        settings: body.settings,
        actor: actorOf(principal),
      })
      await afterAttributeMappingChange(ctx, workspace.id)
      return campaign
    },
  )

  // PATCH /api/v1/workspaces/:workspaceId/campaigns/:campaignId - name, status, any settings
  apiRoute(
    router,
    registry,
    ctx,
    {
      method: 'patch',
      path: `${base}/:campaignId`,
      operationId: 'updateCampaign',
      summary: 'Update a campaign (settings merged, then validated whole)',
      tag: 'campaigns',
      params: campaignParams,
      body: updateBody,
      response: campaignSchema,
    },
    async ({ workspace, params, body, principal }) => {
      const current = await getCampaign(ctx.db, workspace.id, params.campaignId)
      const settings = body.settings
        ? mergeCampaignSettings(current.settings, body.settings)
        : undefined
      await refuseUnsafeSettingUrls(settings, outboundPolicy(ctx.config), current.settings)
      const updated = await updateCampaign(ctx.db, {
        workspaceId: workspace.id,
        campaignId: current.id,
        name: body.name,
        status: body.status,
        settings,
        actor: actorOf(principal),
      })
      if (attributeMappingChanged(current.settings, updated.settings)) {
        await afterAttributeMappingChange(ctx, workspace.id)
      }
      return updated
    },
  )
}
