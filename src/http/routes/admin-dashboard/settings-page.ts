import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import { getCampaign, getDefaultCampaign, listCampaigns } from '../../../ledger/campaigns.js'
import { editorContext } from './campaign-page.js'
import { type Html, html } from './html.js'
import type { PageHandler } from './page-handler.js'
import { settingsForm } from './settings-form.js'
import { timeZoneLabel, timeZoneOptions } from './time-zones.js'
import { workspaceTimeZone } from '../../../ledger/workspace-time-zone.js'

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
    const zone = await workspaceTimeZone(ctx.db, workspace.id)
    return {
      options: { title: 'Settings', current: 'settings' },
      body: html`<p class="lead">
          How the app connects with Intercom, Stripe and your other systems. Whoever runs the
          integration usually sets these once; the campaign's offer and rewards are on its own page.
        </p>
        ${timeZoneSection(workspace.id, zone, z.string().optional().catch(undefined).parse(req.query.zone))}
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

/** The workspace's time zone: the days Analytics counts in. A plain form, saved by the server. */
function timeZoneSection(workspaceId: string, zone: string, outcome: string | undefined): Html {
  return html`<section aria-labelledby="time-zone-h" class="card">
    <h2 id="time-zone-h">Time zone</h2>
    ${
      outcome === 'saved'
        ? html`<p class="notice" role="status">
            Saved. Analytics counts its days in ${timeZoneLabel(zone)} time.
          </p>`
        : outcome === 'unknown'
          ? html`<p class="error-summary" role="alert">Choose a time zone from the list.</p>`
          : ''
    }
    <form method="post" action="/admin/w/${encodeURIComponent(workspaceId)}/settings/time-zone">
      <div class="field">
        <label for="time-zone">Your workspace’s time zone</label>
        <select id="time-zone" name="timeZone" aria-describedby="time-zone-help">
          ${timeZoneOptions(zone)}
        </select>
        <p class="help" id="time-zone-help">
          Analytics counts clicks, friends and rewards by day in this time zone, and its date
          ranges start and end at its midnight.
        </p>
      </div>
      <button type="submit">Save the time zone</button>
    </form>
  </section>`
}
