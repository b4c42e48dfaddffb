import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { getCampaign, getDefaultCampaign, listCampaigns } from '../../../ledger/campaigns.js'
import { editorContext } from './campaign-page.js'
import { html } from './html.js'
import type { PageHandler } from './page-handler.js'
import { settingsForm } from './settings-form.js'

const campaignQuery = z.uuid().optional().catch(undefined)

/**
 * The operator's Settings: how the app talks to Intercom, Stripe and the outside world, per
 * campaign (the default one unless another is picked), saved through the same API and form code
 * as the campaign's set-up.
 */
export function settingsPage(ctx: AppContext): PageHandler {
  return async ({ workspace, req }) => {
    const wanted = campaignQuery.parse(req.query.campaign)
    const [campaigns, campaign] = await Promise.all([
      listCampaigns(ctx.db, workspace.id),
      wanted ? getCampaign(ctx.db, workspace.id, wanted) : getDefaultCampaign(ctx.db, workspace.id),
    ])
    const api = `/api/v1/workspaces/${encodeURIComponent(workspace.id)}/campaigns/${campaign.id}`
    return {
      options: { title: 'Settings', current: 'settings' },
      body: html`<p class="lead">
          How the app connects with Intercom, Stripe and your other systems. Whoever runs the
          integration usually sets these once; the campaign's offer and rewards are on its own page.
        </p>
        ${
          campaigns.length > 1
            ? html`<form method="get" class="search">
                <label for="campaign">Settings of the campaign</label>
                <select id="campaign" name="campaign">
                  ${campaigns.map(
                    (c) =>
                      html`<option value="${c.id}" ${c.id === campaign.id ? html`selected` : ''}>
                        ${c.name}
                      </option>`,
                  )}
                </select>
                <button type="submit" class="secondary">Show</button>
              </form>`
            : ''
        }
        ${settingsForm(
          { api, preview: `${api}/preview`, campaign, part: 'settings' },
          await editorContext(ctx, workspace.id, campaign),
        )}`,
    }
  }
}
