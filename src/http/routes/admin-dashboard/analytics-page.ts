import { z } from 'zod'
import type { AppContext } from '../../../context.js'
import {
  type Analytics,
  campaignAnalytics,
  dayRange,
  type FunnelStepKey,
  lastDays,
} from '../../../ledger/admin/analytics.js'
import { listCampaigns } from '../../../ledger/campaigns.js'
import type { ShareChannel } from '../../../ledger/share-events.js'
import { formatMoney } from '../../../money/format.js'
import { rangeDays } from '../admin-api/analytics.js'
import { lineChart } from './chart.js'
import { type Html, html } from './html.js'
import { headedRow, listTable } from './list-table.js'
import { timeZoneLabel } from './time-zones.js'
import { workspaceTimeZone } from '../../../ledger/workspace-time-zone.js'
import type { PageHandler } from './page-handler.js'

const PRESETS = [7, 30, 90] as const

const day = z.iso.date()

/** The page's own query: a preset or a custom range (both days included), and a campaign. */
const rangeQuery = z.object({
  days: z.coerce
    .number()
    .pipe(z.union(PRESETS.map((n) => z.literal(n))))
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
})

const STEP_WORDS: Record<FunnelStepKey, { label: string; help: string }> = {
  linkViews: { label: 'Link views', help: 'Referrers who opened the share sheet with their link' },
  clicks: { label: 'Clicks', help: 'Visits to a referral link (one per visitor a day)' },
  joined: { label: 'Friends joined', help: 'Friends who signed up through a referrer' },
  converted: { label: 'Converted', help: 'Friends whose referral qualified' },
}

const CHANNEL_WORDS: Record<ShareChannel, string> = {
  sheet: 'Opened the share sheet',
  copy: 'Copied the link',
  email: 'Email',
  x: 'X (Twitter)',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}

/** "25.0% of clicks"; above one (people can skip a step) "6.0× link views". */
function stepRate(rate: number | null, previous: FunnelStepKey): string {
  const name = STEP_WORDS[previous].label.toLowerCase()
  if (rate === null) return `no ${name} to compare with`
  return rate > 1 ? `${rate.toFixed(1)}× ${name}` : `${percent(rate)} of ${name}`
}

function ratio(count: number, of: number): number | null {
  return of === 0 ? null : count / of
}

/** GET /admin/w/:workspaceId/analytics - date range, campaign split, funnel, revenue, channels. */
export function analyticsPage(ctx: AppContext): PageHandler {
  return async ({ workspace, base, req, query }) => {
    const campaigns = await listCampaigns(ctx.db, workspace.id)
    const asked = rangeQuery.parse(req.query)
    const campaign = campaigns.find((c) => c.id === query.campaign)
    // A custom range that cannot be read falls back to the last 30 days, and says so.
    let problem: string | null = null
    let custom: { from: string; to: string } | null = null
    if (asked.from || asked.to) {
      if (!asked.from || !asked.to) problem = 'Give both a first and a last day.'
      else if (rangeDays(asked.from, asked.to) < 1) problem = 'The last day comes before the first.'
      else if (rangeDays(asked.from, asked.to) > 366) problem = 'A range is at most 366 days.'
      else custom = { from: asked.from, to: asked.to }
    }
    const days = custom ? null : (asked.days ?? 30)
    const zone = await workspaceTimeZone(ctx.db, workspace.id)
    const analytics = await campaignAnalytics(ctx.db, workspace.id, {
      ...(custom ? dayRange(custom.from, custom.to, zone) : lastDays(days ?? 30, new Date(), zone)),
      campaignId: campaign?.id ?? null,
    })
    return {
      options: { title: 'Analytics', current: 'analytics' },
      body: analyticsBody({
        base,
        analytics,
        campaigns,
        campaignId: campaign?.id,
        days,
        custom,
        typed: { from: asked.from ?? '', to: asked.to ?? '' },
        problem,
      }),
    }
  }
}

interface View {
  readonly base: string
  readonly analytics: Analytics
  readonly campaigns: readonly { id: string; name: string }[]
  readonly campaignId: string | undefined
  readonly days: number | null
  readonly custom: { from: string; to: string } | null
  readonly typed: { from: string; to: string }
  readonly problem: string | null
}

function href(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value))
  const text = query.toString()
  return `${base}/analytics${text ? `?${text}` : ''}`
}

export function analyticsBody(v: View): Html {
  const a = v.analytics
  const series = a.series
  const first = series[0]?.day ?? ''
  const last = series[series.length - 1]?.day ?? ''
  const campaignName = v.campaigns.find((c) => c.id === v.campaignId)?.name
  return html`<section aria-labelledby="range-h" class="analytics-range">
      <h2 id="range-h">What to show</h2>
      <nav aria-label="Date range" class="presets">
        <ul>
          ${PRESETS.map(
            (n) =>
              html`<li>
                <a
                  class="button secondary small"
                  href="${href(v.base, { days: n, campaign: v.campaignId })}"
                  ${v.days === n ? html`aria-current="page"` : ''}
                  >Last ${n} days</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      <form method="get" class="range-form" action="${v.base}/analytics">
        ${
          v.problem
            ? html`<p class="error-summary" role="alert" id="range-problem">${v.problem}</p>`
            : ''
        }
        <div class="field">
          <label for="range-from">First day</label>
          <input id="range-from" name="from" type="date" value="${v.typed.from || first}" />
        </div>
        <div class="field">
          <label for="range-to">Last day</label>
          <input id="range-to" name="to" type="date" value="${v.typed.to || last}" />
        </div>
        ${
          v.campaigns.length > 1
            ? html`<div class="field">
                <label for="range-campaign">Campaign</label>
                <select id="range-campaign" name="campaign">
                  <option value="">Every campaign</option>
                  ${v.campaigns.map(
                    (c) =>
                      html`<option value="${c.id}" ${c.id === v.campaignId ? html`selected` : ''}>
                        ${c.name}
                      </option>`,
                  )}
                </select>
              </div>`
            : ''
        }
        <button type="submit">Show</button>
      </form>
      <p class="help" id="range-shown" role="status">
        ${campaignName ?? 'Every campaign'}, ${first} to ${last}
        ${`(${series.length} days, ${timeZoneLabel(a.timeZone)}).`}
        <a href="${v.base}/settings#time-zone-h">Change the time zone</a>
      </p>
    </section>
    ${funnelSection(a)} ${campaignsSection(v)}
    <section aria-labelledby="time-h">
      <h2 id="time-h">Over time</h2>
      ${lineChart(
        series.map((p) => p.day),
        [
          { label: 'Clicks', values: series.map((p) => p.clicks), className: 's-clicks' },
          { label: 'Friends joined', values: series.map((p) => p.signUps), className: 's-signups' },
          { label: 'Converted', values: series.map((p) => p.qualified), className: 's-qualified' },
        ],
        'Clicks, friends joined and converted per day',
        'analytics-chart',
      )}
      <details>
        <summary>The numbers per day</summary>
        ${listTable({
          caption: `Per day (${timeZoneLabel(a.timeZone)})`,
          columns: ['Day', 'Clicks', 'Friends joined', 'Converted'],
          items: series,
          row: (p) => headedRow(p.day, [p.clicks, p.signUps, p.qualified]),
        })}
      </details>
    </section>
    <div class="two">${revenueSection(v)} ${channelsSection(a)}</div>`
}

function funnelSection(a: Analytics): Html {
  const top = Math.max(1, ...a.funnel.map((s) => s.count))
  return html`<section aria-labelledby="funnel-h">
    <h2 id="funnel-h">From link to customer</h2>
    <ol class="funnel" id="funnel">
      ${a.funnel.map(
        (s, i) =>
          html`<li data-step="${s.step}">
            <div class="funnel-head">
              <span class="funnel-label">${STEP_WORDS[s.step].label}</span>
              <strong class="funnel-count">${s.count}</strong>
            </div>
            <div class="funnel-bar" aria-hidden="true">
              <span style="width: ${((s.count / top) * 100).toFixed(1)}%"></span>
            </div>
            <p class="help">
              ${STEP_WORDS[s.step].help}${
                i > 0
                  ? html`.
                      <span class="funnel-rate"
                        >${stepRate(s.rateFromPrevious, a.funnel[i - 1]!.step)}</span
                      >`
                  : ''
              }
            </p>
          </li>`,
      )}
    </ol>
  </section>`
}

function campaignsSection(v: View): Html {
  return html`<section aria-labelledby="campaigns-h">
    <h2 id="campaigns-h">Per campaign</h2>
    ${listTable({
      id: 'campaign-split',
      caption: 'The same steps for each campaign, over the range',
      columns: [
        'Campaign',
        'Link views',
        'Clicks',
        'Friends joined',
        'Converted',
        'Joined → converted',
      ],
      items: v.analytics.campaigns,
      whenEmpty: html`<p>No campaign yet.</p>`,
      row: (c) =>
        headedRow(
          v.campaigns.length > 1 && c.campaignId !== v.campaignId
            ? html`<a
                href="${href(v.base, { days: v.days ?? undefined, from: v.custom?.from, to: v.custom?.to, campaign: c.campaignId })}"
                >${c.name}</a
              >`
            : c.name,
          [c.linkViews, c.clicks, c.joined, c.converted, percent(ratio(c.converted, c.joined))],
        ),
    })}
  </section>`
}

function revenueSection(v: View): Html {
  const { revenue } = v.analytics
  let body: Html
  if (!revenue.stripeConnected)
    body = html`<p>
      Revenue appears here once Stripe is connected:
      <a href="${v.base}/billing">connect Stripe on Billing</a>.
    </p>`
  else
    body = listTable({
      id: 'revenue',
      caption: 'Paid invoices of referred friends, per currency',
      columns: ['Currency', 'Paid invoices', 'Revenue', 'Refunded or disputed'],
      items: revenue.currencies,
      whenEmpty: html`<p>No paid invoice from a referred friend in this range.</p>`,
      row: (r) =>
        headedRow(r.currency, [
          r.invoices,
          formatMoney(r.paidMinor, r.currency),
          formatMoney(r.lostMinor, r.currency),
        ]),
    })
  return html`<section aria-labelledby="revenue-h">
    <h2 id="revenue-h">Revenue from Stripe</h2>
    ${body}
  </section>`
}

function channelsSection(a: Analytics): Html {
  const used = a.channels.filter((c) => c.shares > 0)
  return html`<section aria-labelledby="channels-h">
    <h2 id="channels-h">Share channels</h2>
    ${listTable({
      id: 'channels',
      caption: 'How referrers shared (each referrer counted once per channel a day)',
      columns: ['Channel', 'Shares'],
      items: a.channels,
      row: (c) => headedRow(CHANNEL_WORDS[c.channel], [c.shares]),
    })}
    ${used.length === 0 ? html`<p class="help">No share in this range yet.</p>` : ''}
  </section>`
}
