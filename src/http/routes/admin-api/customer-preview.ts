import { z } from 'zod'
import { getCampaign } from '../../../ledger/campaigns.js'
import { mergeCampaignSettings } from '../../../ledger/admin/settings-merge.js'
import { settingsPreview } from '../../canvas/settings-preview.js'
import { customerPreviewPanel } from '../admin-dashboard/customer-preview-panel.js'
import type { AdminApi } from './api-route.js'
import { previewBody } from './campaigns.js'
import { uuid, workspaceParams } from './schemas.js'

/**
 * The customer preview as a dashboard fragment: what the campaign editor (and any set-up step)
 * puts beside its form. The same screens as the JSON preview, drawn as HTML on the server.
 */
export function customerPreviewRoutes(api: AdminApi): void {
  const { ctx } = api
  // POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/preview/panel - the preview as HTML
  api.route(
    {
      method: 'post',
      path: '/workspaces/:workspaceId/campaigns/:campaignId/preview/panel',
      operationId: 'previewCampaignPanel',
      summary:
        'The Messenger card, invite form, share text, share sheet and landing page for draft settings, as one HTML fragment (nothing is saved)',
      tag: 'campaigns',
      params: workspaceParams.extend({ campaignId: uuid }),
      body: previewBody,
      response: z.object({ html: z.string().describe('An HTML fragment for the dashboard') }),
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
      const panel = await customerPreviewPanel(preview, {
        publicUrl: ctx.config.publicUrl,
        layout: settings.card.layout,
        hasInvite: settings.card.showInvite,
        destinationUrl: settings.destinationUrl,
      })
      return { html: panel.value }
    },
  )
}
