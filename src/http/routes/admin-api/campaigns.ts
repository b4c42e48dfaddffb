import type { Request, Response } from 'express'
import { z } from 'zod'
import { AppError } from '../../../errors.js'
import { campaignSettingsSchema, settingIssueMessage } from '../../../ledger/campaign-settings.js'
import { campaignName } from '../../../ledger/campaign-name.js'
import { CAMPAIGN_TEMPLATE_IDS, CAMPAIGN_TEMPLATES } from '../../../ledger/campaign-templates.js'
import {
  createCampaign,
  duplicateCampaign,
  getCampaign,
  listCampaigns,
  makeDefaultCampaign,
  updateCampaign,
} from '../../../ledger/campaigns.js'
import {
  attributeMappingChanged,
  mergeCampaignSettings,
} from '../../../ledger/admin/settings-merge.js'
import { outboundPolicy, refuseUnsafeSettingUrls } from '../../../outbound/settings-urls.js'
import type { Campaign } from '../../../ledger/types.js'
import { settingsPreview } from '../../canvas/settings-preview.js'
import { actorOf } from './actor.js'
import type { AdminApi } from './api-route.js'
import { afterAttributeMappingChange } from './integrations.js'
import { campaignSchema, isoOf, uuid, workspaceParams } from './schemas.js'

const campaignParams = workspaceParams.extend({ campaignId: uuid })
const name = campaignName
const version = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe(
    'the version you edited; if the campaign changed since, the save is refused with 409 (If-Match works too)',
  )

const createBody = z.object({
  name,
  template: z
    .enum(CAMPAIGN_TEMPLATE_IDS)
    .optional()
    .describe(
      `a starting point: ${CAMPAIGN_TEMPLATE_IDS.map((id) => `${id} (${CAMPAIGN_TEMPLATES[id].title})`).join(', ')}`,
    ),
  settings: campaignSettingsSchema
    .optional()
    .describe('omitted settings take the starting point’s values, then the defaults'),
})

export const settingsPatch = z
  .record(z.string(), z.unknown())
  .optional()
  .describe(
    'any subset of CampaignSettings: objects are merged key by key, arrays and maps replaced, then the whole is validated',
  )

const updateBody = z.object({
  name: name.optional(),
  status: z.enum(['active', 'paused', 'archived']).optional(),
  settings: settingsPatch,
  version,
})

export const previewBody = z.object({
  settings: settingsPatch,
  locale: z.enum(['en', 'es', 'fr', 'de', 'pt-BR']).default('en'),
})

const componentList = z.array(z.record(z.string(), z.unknown()))
const previewResponse = z.object({
  messenger: componentList.describe('Canvas Kit components of the Messenger card'),
  invite: componentList.describe('Canvas Kit components of the invite form'),
  inbox: componentList.describe('Canvas Kit components of the Inbox panel'),
  sheet: z.string().describe("The share sheet's HTML page"),
  landing: z.string().describe("The friend's landing page (HTML), used when no destination is set"),
  shareText: z.string().describe('The message the share buttons carry'),
})

function out(campaign: Campaign) {
  return { ...campaign, updatedAt: isoOf(campaign.updatedAt) }
}

/** The version a client edited: the body's `version`, else an If-Match header ("3" or W/"3"). */
function expectedVersion(req: Request, body: number | undefined): number | undefined {
  if (body !== undefined) return body
  const header = req.get('if-match')
  if (!header || header.trim() === '*') return undefined
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim())
  if (!match) throw new AppError('bad_request', 'If-Match must be a campaign version, e.g. "3".')
  return Number(match[1])
}

function tagged(res: Response, campaign: Campaign): Campaign {
  res.setHeader('ETag', `"${campaign.version}"`)
  return campaign
}

export function campaignRoutes(api: AdminApi): void {
  const { ctx } = api
  const base = '/workspaces/:workspaceId/campaigns'
  const one = `${base}/:campaignId`

  // GET /api/v1/workspaces/:workspaceId/campaigns - every campaign with its settings
  api.route(
    {
      method: 'get',
      path: base,
      operationId: 'listCampaigns',
      summary: 'List campaigns (archived ones included, with their status)',
      tag: 'campaigns',
      params: workspaceParams,
      response: z.object({ items: z.array(campaignSchema) }),
    },
    async ({ workspace }) => ({ items: (await listCampaigns(ctx.db, workspace.id)).map(out) }),
  )

  // GET /api/v1/workspaces/:workspaceId/campaigns/:campaignId - one campaign (ETag: its version)
  api.route(
    {
      method: 'get',
      path: one,
      operationId: 'getCampaign',
      summary: 'Show a campaign',
      tag: 'campaigns',
      params: campaignParams,
      response: campaignSchema,
    },
    async ({ workspace, params, res }) =>
      out(tagged(res, await getCampaign(ctx.db, workspace.id, params.campaignId))),
  )

  // POST /api/v1/workspaces/:workspaceId/campaigns - a new campaign, from a starting point or not
  api.route(
    {
      method: 'post',
      path: base,
      operationId: 'createCampaign',
      summary: 'Create a campaign, optionally from a starting point',
      tag: 'campaigns',
      params: workspaceParams,
      body: createBody,
      bodyIssueWords: settingIssueMessage,
      response: campaignSchema,
      status: 201,
    },
    async ({ workspace, body, principal, req, res }) => {
      const start = body.template ? CAMPAIGN_TEMPLATES[body.template].settings : {}
      const raw = (req.body as { settings?: Record<string, unknown> }).settings
      // Through the merge, so a problem is named as settings.<path>, in words.
      const settings = mergeCampaignSettings(campaignSettingsSchema.parse(start), raw ?? {})
      await refuseUnsafeSettingUrls(settings, outboundPolicy(ctx.config))
      const campaign = await createCampaign(ctx.db, {
        workspaceId: workspace.id,
        name: body.name,
        settings,
        actor: actorOf(principal),
      })
      await afterAttributeMappingChange(ctx, workspace.id)
      return out(tagged(res, campaign))
    },
  )

  // PATCH /api/v1/workspaces/:workspaceId/campaigns/:campaignId - rename, status, any settings
  api.route(
    {
      method: 'patch',
      path: one,
      operationId: 'updateCampaign',
      summary: 'Update a campaign (settings merged, then validated whole; 409 when stale)',
      tag: 'campaigns',
      params: campaignParams,
      body: updateBody,
      response: campaignSchema,
      conflict: 'The campaign changed since the version you sent (If-Match or version)',
    },
    async ({ workspace, params, body, principal, req, res }) => {
      const expected = expectedVersion(req, body.version)
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
        // Without a version the save is checked against what this request read, at least.
        expectedVersion: expected ?? current.version,
        actor: actorOf(principal),
      })
      if (attributeMappingChanged(current.settings, updated.settings)) {
        await afterAttributeMappingChange(ctx, workspace.id)
      }
      return out(tagged(res, updated))
    },
  )

  // POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/duplicate - a copy, not default
  api.route(
    {
      method: 'post',
      path: `${one}/duplicate`,
      operationId: 'duplicateCampaign',
      summary: 'Duplicate a campaign (settings copied; referrers and referrals are not)',
      tag: 'campaigns',
      params: campaignParams,
      body: z.object({ name: name.optional().describe('default: "Copy of <name>"') }),
      response: campaignSchema,
      status: 201,
    },
    async ({ workspace, params, body, principal, res }) =>
      out(
        tagged(
          res,
          await duplicateCampaign(ctx.db, {
            workspaceId: workspace.id,
            campaignId: params.campaignId,
            ...(body.name ? { name: body.name } : {}),
            actor: actorOf(principal),
          }),
        ),
      ),
  )

  for (const [action, status, summary] of [
    ['archive', 'archived', 'Archive a campaign (its referral links keep working)'],
    ['restore', 'active', 'Restore an archived campaign'],
  ] as const) {
    // POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/archive | /restore
    api.route(
      {
        method: 'post',
        path: `${one}/${action}`,
        operationId: `${action}Campaign`,
        summary,
        tag: 'campaigns',
        params: campaignParams,
        body: z.object({ version }),
        response: campaignSchema,
        conflict: 'The campaign changed since the version you sent',
      },
      async ({ workspace, params, body, principal, req, res }) => {
        const expected = expectedVersion(req, body.version)
        return out(
          tagged(
            res,
            await updateCampaign(ctx.db, {
              workspaceId: workspace.id,
              campaignId: params.campaignId,
              status,
              ...(expected !== undefined ? { expectedVersion: expected } : {}),
              actor: actorOf(principal),
            }),
          ),
        )
      },
    )
  }

  // POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/make-default
  api.route(
    {
      method: 'post',
      path: `${one}/make-default`,
      operationId: 'makeDefaultCampaign',
      summary: 'Make a campaign the default (used when a card or panel names none)',
      tag: 'campaigns',
      params: campaignParams,
      body: z.object({}),
      response: campaignSchema,
    },
    async ({ workspace, params, principal, res }) =>
      out(
        tagged(
          res,
          await makeDefaultCampaign(ctx.db, {
            workspaceId: workspace.id,
            campaignId: params.campaignId,
            actor: actorOf(principal),
          }),
        ),
      ),
  )

  // POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/preview - canvases for a draft
  api.route(
    {
      method: 'post',
      path: `${one}/preview`,
      operationId: 'previewCampaign',
      summary:
        'Preview every screen a sample contact and their friend get with draft settings: the Messenger card, invite form, share sheet, landing page and Inbox panel (nothing is saved)',
      tag: 'campaigns',
      params: campaignParams,
      body: previewBody,
      response: previewResponse,
    },
    async ({ workspace, params, body }) => {
      const current = await getCampaign(ctx.db, workspace.id, params.campaignId)
      const settings = body.settings
        ? mergeCampaignSettings(current.settings, body.settings)
        : current.settings
      const preview = settingsPreview(settings, {
        publicUrl: ctx.config.publicUrl,
        locale: body.locale,
        workspaceName: workspace.name,
      })
      return preview as unknown as z.input<typeof previewResponse>
    },
  )
}
