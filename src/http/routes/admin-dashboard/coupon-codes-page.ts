import { stripeConnectionView } from '../../../billing/stripe-connection.js'
import type { AppContext } from '../../../context.js'
import { getCampaign } from '../../../ledger/campaigns.js'
import { listCouponPools } from '../../../rewards/reward-coupons.js'
import { html } from './html.js'
import { listTable } from './list-table.js'
import type { PageHandler } from './page-handler.js'

/**
 * GET /admin/w/:workspaceId/campaigns/:campaignId/coupons: a campaign's coupon pools, and a form to
 * paste codes or upload a CSV of them (sent to the admin API's upload route by the dashboard client's coupons.ts).
 */
export function couponCodesPage(ctx: AppContext): PageHandler {
  return async ({ workspace, req, base }) => {
    const campaign = await getCampaign(ctx.db, workspace.id, String(req.params.campaignId))
    const [pools, stripe] = await Promise.all([
      listCouponPools(ctx.db, { workspaceId: workspace.id, campaignId: campaign.id }),
      stripeConnectionView(ctx.db, workspace.id),
    ])
    const api = `/api/v1/workspaces/${encodeURIComponent(workspace.id)}/coupon-pools`
    const added = typeof req.query.added === 'string' ? req.query.added.slice(0, 300) : ''
    const stripeRules = campaign.settings.rewards.rules.filter(
      (rule) => rule.kind === 'coupon' && rule.couponSource === 'stripe',
    )
    return {
      options: { title: `Coupon codes: ${campaign.name}`, current: 'campaigns' },
      body: html`<p class="crumbs">
          <a href="${base}/campaigns/${campaign.id}">Back to ${campaign.name}</a>
        </p>
        ${added ? html`<p class="notice" role="status">${added}</p>` : ''}
        <section class="card" aria-labelledby="stripe-h">
          <h2 id="stripe-h">Codes created in Stripe</h2>
          <p>
            ${
              stripe.connected
                ? `Stripe is connected${stripe.accountName ? ` (${stripe.accountName})` : ''}. A coupon rule set to “Created in Stripe for each reward” makes one percentage coupon in Stripe and a single-use promotion code for each reward; nothing to upload.`
                : 'Stripe is not connected, so coupon rewards take codes from the pools below. Connect Stripe on the Billing page to have a promotion code created for each reward instead.'
            }
          </p>
          ${
            stripeRules.length > 0 && !stripe.connected
              ? html`<p class="error-summary" role="alert">
                  This campaign has a coupon rule set to “Created in Stripe”, but Stripe is not
                  connected: those rewards get no code until it is.
                </p>`
              : ''
          }
        </section>
        ${listTable({
          id: 'coupon-pools',
          caption: 'Pools of codes in this campaign',
          columns: ['Pool', 'Codes left', 'Given out', 'In total'],
          items: pools,
          empty: 'No codes yet: add some below.',
          row: (pool) =>
            html`<tr>
              <th scope="row">${pool.pool}</th>
              <td>${pool.available}</td>
              <td>${pool.drawn}</td>
              <td>${pool.total}</td>
            </tr>`,
        })}
        <section class="card" aria-labelledby="add-h">
          <h2 id="add-h">Add codes</h2>
          <form id="coupon-upload" data-api="${api}" data-campaign="${campaign.id}" novalidate>
            <div id="coupon-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
            <div class="field">
              <label for="coupon-pool">Pool name</label>
              <input
                id="coupon-pool"
                name="pool"
                list="coupon-pool-names"
                autocomplete="off"
                value="${pools[0]?.pool ?? ''}"
                aria-describedby="coupon-pool-help coupon-pool-error"
              />
              <datalist id="coupon-pool-names">
                ${pools.map((pool) => html`<option value="${pool.pool}"></option>`)}
              </datalist>
              <p class="field-error" id="coupon-pool-error" hidden></p>
              <p class="help" id="coupon-pool-help">
                A reward rule picks its codes from one pool, e.g. spring-20. Letters, digits, _ . or
                - only.
              </p>
            </div>
            <div class="field">
              <label for="coupon-codes">Codes, one per line</label>
              <textarea
                id="coupon-codes"
                name="codes"
                rows="6"
                spellcheck="false"
                aria-describedby="coupon-codes-help coupon-codes-error"
              ></textarea>
              <p class="field-error" id="coupon-codes-error" hidden></p>
              <p class="help" id="coupon-codes-help">
                Paste them from your shop or billing system. A code already in the pool is skipped,
                so adding the same list twice is safe.
              </p>
            </div>
            <div class="field">
              <label for="coupon-file">Or upload a CSV file</label>
              <input
                id="coupon-file"
                name="file"
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-describedby="coupon-file-help"
              />
              <p class="help" id="coupon-file-help">
                The first column of each row is read; a header row named “code” is skipped.
              </p>
            </div>
            <button type="submit" class="primary">Add codes</button>
            <p id="coupon-status" role="status" aria-live="polite"></p>
          </form>
        </section>`,
    }
  }
}
