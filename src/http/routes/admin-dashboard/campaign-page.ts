import type { AppContext } from '../../../context.js'
import { workspaceCatalog } from '../../../intercom/workspace-catalog.js'
import { listCouponPools } from '../../../rewards/reward-coupons.js'
import { storedCatalog } from '../../../rewards/payouts/connections.js'
import type { Campaign } from '../../../ledger/types.js'
import { currenciesToPick, unlistedCurrencies } from '../../../ledger/unlisted-currencies.js'
import { PREVIEW_CONTACT } from '../../canvas/settings-preview.js'
import { type Html, html } from './html.js'
import { type EditorContext, settingsForm } from './settings-form.js'

const LOCALES: [string, string][] = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['pt-BR', 'Português'],
]

type PageContext = Omit<EditorContext, 'qualificationOptions'>

/** What the editor's pickers offer: the workspace's attributes and segments, the campaign's pools. */
export async function editorContext(
  ctx: AppContext,
  workspaceId: string,
  campaign: Campaign,
): Promise<PageContext> {
  const campaignId = campaign.id
  const [catalog, pools, payoutCatalog, unlisted] = await Promise.all([
    workspaceCatalog(ctx, workspaceId),
    listCouponPools(ctx.db, { workspaceId, campaignId }),
    storedCatalog(ctx.db, workspaceId, 'tango_card'),
    unlistedCurrencies(ctx.db, workspaceId, campaignId),
  ])
  return {
    currenciesToPick: currenciesToPick(campaign.settings, unlisted),
    catalog: catalog.kind === 'connected' ? catalog.catalog : null,
    catalogNote:
      catalog.kind === 'unavailable'
        ? catalog.message
        : catalog.kind === 'not-connected'
          ? 'This workspace is not connected to Intercom, so attribute and segment names are typed in by hand.'
          : null,
    pools,
    payoutCatalog,
  }
}

/** The campaign editor: every setting on the left, the live Messenger and Inbox preview beside. */
export function campaignPage(
  input: { base: string; workspaceId: string; campaign: Campaign },
  ctx: PageContext,
): Html {
  const { campaign } = input
  const api = `/api/v1/workspaces/${encodeURIComponent(input.workspaceId)}/campaigns/${campaign.id}`
  return html`<p class="crumbs">
      <a href="${input.base}/campaigns">All campaigns</a> ·
      <span class="badge ${campaign.status}">${campaign.status}</span>
      ${campaign.isDefault ? html`<span class="badge default">default</span>` : ''} ·
      <a href="${input.base}/campaigns/${campaign.id}/coupons">Coupon codes</a>
    </p>
    <div class="editor">
      <div class="editor-main">
        ${settingsForm({ api, preview: `${api}/preview`, campaign }, ctx)}
      </div>
      <aside class="preview" aria-labelledby="preview-h">
        <div class="preview-inner">
          <h2 id="preview-h">Live preview</h2>
          <p class="help">
            What ${PREVIEW_CONTACT.name} (${PREVIEW_CONTACT.joined} friends joined,
            ${PREVIEW_CONTACT.converted} qualified) would see with your unsaved changes.
          </p>
          <div class="field inline">
            <label for="preview-locale">Language</label>
            <select id="preview-locale">
              ${LOCALES.map(([value, label]) => html`<option value="${value}">${label}</option>`)}
            </select>
          </div>
          <p class="help" id="preview-step"></p>
          <div id="preview-customer" data-panel="${api}/preview/panel"></div>
          <h3>Inbox panel</h3>
          <div class="surface inbox" id="preview-inbox" data-testid="preview-inbox"></div>
          <p class="help" id="preview-status" role="status" aria-live="polite"></p>
        </div>
      </aside>
    </div>`
}
