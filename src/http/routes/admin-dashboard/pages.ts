import type { Analytics } from '../../../ledger/admin/analytics.js'
import type { Page } from '../../../ledger/admin/cursor.js'
import {
  DELIVERY_FAILED,
  HELD_FOR_REVIEW,
  type ReferralListing,
  type ReferrerListing,
  type RewardListing,
} from '../../../ledger/admin/listings.js'
import type { Reward } from '../../../ledger/rewards.js'
import type { ExportKind } from '../../../export/export-csv.js'
import { formatMoney } from '../../../money/format.js'
import { lineChart } from './chart.js'
import { type Html, html } from './html.js'
import { momentTime as when } from './moment.js'
import { headedRow, listTable, pagedTable } from './list-table.js'
import { payoutCell } from './payout-state.js'
import { deliveryCell, retryDeliveryButton } from './delivery-state.js'
import { type RowAction, rowActions } from './row-actions.js'
import { bulkBar, selectAllHeading, selectCell } from './bulk-select.js'
import { statusTabs } from './status-tabs.js'
import { timeZoneLabel } from './time-zones.js'
import { statusTone, statusWords } from './status-words.js'

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`
}

function money(minor: number | null, currency: string | null): string {
  if (minor === null) return '—'
  return currency ? formatMoney(minor, currency) : String(minor)
}

export function overviewBody(a: Analytics, base: string): Html {
  const days = a.series.map((p) => p.day)
  const t = a.totals
  return html`<section aria-labelledby="totals-h">
      <h2 id="totals-h">Last ${days.length} days</h2>
      <p class="section-help">
        Other ranges, each campaign, revenue and share channels are on
        <a href="${base}/analytics">Analytics</a>.
      </p>
      <dl class="stats">
        <div>
          <dt>Clicks</dt>
          <dd data-stat="clicks">${t.clicks}</dd>
        </div>
        <div>
          <dt>Sign-ups</dt>
          <dd data-stat="signUps">${t.signUps}</dd>
        </div>
        <div>
          <dt>Qualified</dt>
          <dd data-stat="qualified">${t.qualified}</dd>
        </div>
        <div>
          <dt>Conversion rate</dt>
          <dd data-stat="conversionRate">${percent(t.conversionRate)}</dd>
        </div>
        <div>
          <dt>Rewards issued</dt>
          <dd data-stat="rewardsIssued">${t.rewardsIssued}</dd>
        </div>
      </dl>
    </section>
    <section aria-labelledby="chart-h">
      <h2 id="chart-h">Over time</h2>
      ${lineChart(
        days,
        [
          { label: 'Clicks', values: a.series.map((p) => p.clicks), className: 's-clicks' },
          { label: 'Sign-ups', values: a.series.map((p) => p.signUps), className: 's-signups' },
          {
            label: 'Qualified',
            values: a.series.map((p) => p.qualified),
            className: 's-qualified',
          },
          {
            label: 'Rewards issued',
            values: a.series.map((p) => p.rewardsIssued),
            className: 's-rewards',
          },
        ],
        'Clicks, sign-ups, qualified referrals and rewards per day',
      )}
      <details>
        <summary>The numbers per day</summary>
        ${listTable({
          caption: `Per day (${timeZoneLabel(a.timeZone)})`,
          columns: ['Day', 'Clicks', 'Sign-ups', 'Qualified', 'Rewards'],
          items: a.series,
          row: (p) => headedRow(p.day, [p.clicks, p.signUps, p.qualified, p.rewardsIssued]),
        })}
      </details>
    </section>
    <div class="two">
      <section aria-labelledby="leaders-h">
        <h2 id="leaders-h">Top referrers</h2>
        ${listTable({
          id: 'leaderboard',
          caption: 'By qualified, then all referrals (all time)',
          columns: ['#', 'Referrer', 'Code', 'Referrals', 'Qualified', 'Clicks'],
          items: a.leaderboard,
          whenEmpty: html`<p>No referrals yet.</p>`,
          row: (l, i) =>
            html`<tr>
              <td>${i + 1}</td>
              <th scope="row">
                <a href="${referrerHref(base, l.referrerId)}">${l.name ?? l.email ?? l.code}</a>
              </th>
              <td><code>${l.code}</code></td>
              <td>${l.referralCount}</td>
              <td>${l.convertedCount}</td>
              <td>${l.clickCount}</td>
            </tr>`,
        })}
      </section>
      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        ${listTable({
          id: 'sources',
          caption: 'Sign-ups by how the friend arrived',
          columns: ['Source', 'Sign-ups', 'Qualified'],
          items: a.sources,
          whenEmpty: html`<p>No sign-ups in this range.</p>`,
          row: (s) => headedRow(s.source, [s.signUps, s.qualified]),
        })}
      </section>
    </div>`
}

export function referrersBody(
  base: string,
  q: string,
  page: Page<ReferrerListing>,
  workspaceId: string,
): Html {
  return html`${csvLink(workspaceId, 'referrers', 'every referrer')}
    <form method="get" class="search" role="search">
      <label for="q">Search by email, code or name</label>
      <input id="q" name="q" type="search" value="${q}" /> <button type="submit">Search</button>
    </form>
    ${pagedTable(`${base}/referrers`, { q }, page, {
      id: 'referrers',
      caption: 'Referrers, newest first',
      columns: [
        'Name',
        'Email',
        'Code',
        'Referrals',
        'Pending',
        'Qualified',
        'Rejected',
        'Clicks',
        'Joined',
      ],
      empty: 'No referrers found.',
      row: (r) =>
        headedRow(html`<a href="${referrerHref(base, r.id)}">${r.name ?? r.email ?? r.code}</a>`, [
          r.email ?? '—',
          html`<code>${r.code}</code>`,
          r.referralCount,
          r.pendingCount,
          r.convertedCount,
          r.rejectedCount,
          r.clickCount,
          when(r.createdAt),
        ]),
    })}`
}

export const REFERRAL_ACTIONS: RowAction<ReferralListing['status']>[] = [
  { action: 'qualify', label: 'Qualify', allowed: (s) => s !== 'qualified' },
  {
    action: 'reject',
    label: 'Reject',
    allowed: (s) => s !== 'rejected',
    needsReason: 'Why reject this referral?',
  },
]

/** The campaign filter above a list: every campaign, or one. */
function campaignFilter(
  campaigns: readonly { id: string; name: string }[],
  current: string | undefined,
  status: string,
): Html {
  if (campaigns.length < 2) return html``
  return html`<form method="get" class="search">
    <input type="hidden" name="status" value="${status}" />
    <label for="campaign">Campaign</label>
    <select id="campaign" name="campaign">
      <option value="">Every campaign</option>
      ${campaigns.map(
        (c) =>
          html`<option value="${c.id}" ${c.id === current ? html`selected` : ''}>
            ${c.name}
          </option>`,
      )}
    </select>
    <button type="submit" class="secondary">Show</button>
  </form>`
}

/** A list's CSV, for a spreadsheet: the same rows the API exports. */
export function csvLink(workspaceId: string, kind: ExportKind, label: string): Html {
  return html`<p class="downloads">
    <a
      class="button secondary small"
      href="/api/v1/workspaces/${encodeURIComponent(workspaceId)}/exports/${kind}.csv"
      download
      >Download ${label} (CSV)</a
    >
  </p>`
}

export function referralsBody(
  base: string,
  status: string,
  page: Page<ReferralListing>,
  options: {
    workspaceId: string
    counts: ReadonlyMap<string, number>
    campaigns: readonly { id: string; name: string }[]
    campaign?: string
  },
): Html {
  const statuses = [HELD_FOR_REVIEW, 'pending', 'qualified', 'rejected', '']
  const api = `/api/v1/workspaces/${encodeURIComponent(options.workspaceId)}/referrals`
  const bulk = page.items.some((r) => r.status === 'pending')
  return html`${statusTabs(`${base}/referrals`, statuses, options.counts, status, { campaign: options.campaign }, [HELD_FOR_REVIEW])}
    ${campaignFilter(options.campaigns, options.campaign, status)}
    ${csvLink(options.workspaceId, 'referrals', 'every referral')}
    <div id="action-status" role="status" aria-live="polite"></div>
    ${
      bulk
        ? bulkBar({
            table: 'referrals',
            url: `${api}/bulk-decisions`,
            nouns: 'referrals',
            actions: [
              { action: 'qualify', label: 'Qualify' },
              { action: 'reject', label: 'Reject', needsReason: true },
            ],
          })
        : ''
    }
    ${pagedTable(`${base}/referrals`, { status, campaign: options.campaign }, page, {
      id: 'referrals',
      caption: 'Referrals, newest first',
      columns: [
        ...(bulk ? [selectAllHeading('referrals', 'referrals')] : []),
        'Friend',
        'Referred by',
        'Source',
        'Status',
        'Created',
        'Actions',
      ],
      empty: status === HELD_FOR_REVIEW ? 'No referral is held for review.' : 'No referrals found.',
      row: (r) =>
        html`<tr data-id="${r.id}">
          ${bulk ? selectCell(r.status === 'pending', r.id, r.friendName ?? r.friendEmail ?? 'this friend') : ''}
          <th scope="row">
            ${r.friendName ?? r.friendEmail ?? '—'}${r.friendName && r.friendEmail ? html`<br /><small>${r.friendEmail}</small>` : ''}
            <br /><small
              ><a
                href="${base}/billing?referral=${r.id}"
                aria-label="Payments of ${r.friendName ?? r.friendEmail ?? 'this friend'}"
                >Payments</a
              ></small
            >
          </th>
          <td>
            <a href="${referrerHref(base, r.referrerId)}"
              >${r.referrerName ?? r.referrerEmail ?? r.referrerCode}</a
            >
            ${r.referrerName || r.referrerEmail ? html`<br /><small>code ${r.referrerCode}</small>` : ''}
          </td>
          <td>${SOURCE_WORDS[r.source] ?? 'Other'}</td>
          ${referralStatusCell(r)}
          <td>${when(r.createdAt)}</td>
          <td class="actions">${rowActions(REFERRAL_ACTIONS, r.status, `${api}/${r.id}`)}</td>
        </tr>`,
    })}`
}

/** A referral's status cell: its badge, why the app holds it for review, why it was decided. */
export function referralStatusCell(r: ReferralListing): Html {
  return html`<td class="status">
    ${statusBadge(r.status)}
    ${
      r.status === 'pending' && r.reviewReason
        ? html`<br /><small class="flag">Held for review: ${r.reviewReason}</small>`
        : ''
    }
    ${r.statusReason ? html`<br /><small>${r.statusReason}</small>` : ''}
  </td>`
}

/** A referrer's page address, from any list that names them. */
export function referrerHref(base: string, referrerId: string): string {
  return `${base}/referrers/${encodeURIComponent(referrerId)}`
}

/** How a friend arrived, in words. */
export const SOURCE_WORDS: Record<string, string> = {
  link: 'Referral link',
  invite: 'Invitation',
  api: 'Added by your systems',
  agent: 'Added by a teammate',
  import: 'Imported',
  intercom: 'From Intercom',
}

export const REWARD_ACTIONS: RowAction<Reward['status']>[] = [
  { action: 'approve', label: 'Approve', allowed: (s) => s === 'pending' },
  { action: 'fulfil', label: 'Mark fulfilled', allowed: (s) => s === 'approved' },
  {
    action: 'decline',
    label: 'Decline',
    allowed: (s) => s === 'pending' || s === 'approved',
    needsReason: 'Why decline this reward?',
  },
]

export function rewardsBody(
  base: string,
  workspaceId: string,
  status: string,
  page: Page<RewardListing>,
  counts: ReadonlyMap<string, number> = new Map(),
): Html {
  const statuses = [DELIVERY_FAILED, 'pending', 'approved', 'fulfilled', 'declined', 'reversed', '']
  const api = `/api/v1/workspaces/${workspaceId}/rewards`
  const empty: Record<string, string> = {
    [DELIVERY_FAILED]: 'No delivery has failed.',
    pending: 'Nothing waits for review.',
    approved: 'No approved reward waits to be given.',
  }
  const bulk = page.items.some((r) => r.status === 'pending')
  // Failed deliveries are approved rewards too: "All" counts each reward once.
  return html`${statusTabs(`${base}/rewards`, statuses, counts, status, {}, [DELIVERY_FAILED])}
    ${csvLink(workspaceId, 'rewards', 'every reward')}
    <div id="action-status" role="status" aria-live="polite"></div>
    ${
      bulk
        ? bulkBar({
            table: 'rewards',
            url: `${api}/bulk-decisions`,
            nouns: 'rewards',
            actions: [
              { action: 'approve', label: 'Approve' },
              { action: 'decline', label: 'Decline', needsReason: true },
            ],
          })
        : ''
    }
    ${pagedTable(`${base}/rewards`, { status }, page, {
      id: 'rewards',
      caption:
        status === 'pending'
          ? 'Rewards waiting for review'
          : status === DELIVERY_FAILED
            ? 'Rewards whose delivery failed'
            : 'Rewards',
      columns: [
        ...(bulk ? [selectAllHeading('rewards', 'rewards')] : []),
        'Recipient',
        'Reward',
        'Amount',
        'Status',
        'Issued',
        'Actions',
      ],
      empty: empty[status] ?? 'No rewards here.',
      row: (r) =>
        html`<tr data-id="${r.id}">
          ${bulk ? selectCell(r.status === 'pending', r.id, `${r.description ?? 'the reward'} of ${r.recipientName ?? r.recipientEmail ?? 'this person'}`) : ''}
          <th scope="row">
            ${
              r.referrerId
                ? html`<a href="${referrerHref(base, r.referrerId)}"
                    >${r.recipientName ?? r.recipientEmail ?? 'Referrer'}</a
                  >`
                : (r.recipientName ?? r.recipientEmail ?? '—')
            }
            <small>(${r.recipientRole === 'friend' ? 'friend' : 'referrer'})</small>
          </th>
          <td>${r.description ?? rewardKindWords(r.kind)}</td>
          <td>${amountCell(r)}</td>
          <td class="status">
            ${r.delivery ? deliveryCell(r.delivery) : statusBadge(r.status)}
            ${r.statusReason ? html`<br /><small>${r.statusReason}</small>` : ''}
            ${r.payoutStatus ? html`<br /><small>${payoutCell(base, r)}</small>` : ''}
          </td>
          <td>${when(r.createdAt)}</td>
          <td class="actions">
            ${
              r.delivery?.status === 'failed'
                ? retryDeliveryButton(
                    `${api}/${r.id}`,
                    `${r.description ?? 'the reward'} of ${r.recipientName ?? r.recipientEmail ?? 'this person'}`,
                  )
                : ''
            }${rowActions(REWARD_ACTIONS, r.status, `${api}/${r.id}`)}
          </td>
        </tr>`,
    })}`
}

/** What a reward is, in words, when its rule gave it no description. */
export function rewardKindWords(kind: string): string {
  const words: Record<string, string> = {
    fixed: 'A fixed amount',
    points: 'Points',
    coupon: 'A coupon code',
    commission: 'A commission on a sale',
    payout: 'A gift card or cash',
  }
  return words[kind] ?? 'A reward'
}

/** A status as the same badge everywhere: its words, coloured by what it means. */
export function statusBadge(status: string): Html {
  return html`<span class="status-badge ${statusTone(status)}">${statusWords(status)}</span>`
}

/** Points, money, or the coupon code the recipient was given (or why there is none yet). */
export function amountCell(r: Reward): Html | string {
  if (r.couponCode) return html`Code <code class="coupon-code">${r.couponCode}</code>`
  if (r.kind === 'coupon')
    return r.status === 'pending' ? 'Code not drawn yet' : 'Code not issued yet'
  return r.points !== null ? `${r.points} points` : money(r.amountMinor, r.currency)
}

export function syncBody(workspaceId: string): Html {
  return html`<p>Contact imports from Intercom. Progress updates while a run is going.</p>
    <button type="button" id="start-sync" data-url="/api/v1/workspaces/${workspaceId}/sync-runs">
      Start an import now
    </button>
    <div id="sync-status" role="status" aria-live="polite"></div>
    ${csvLink(workspaceId, 'sync-runs', 'every sync run')}
    ${listTable({
      id: 'sync-runs',
      attributes: html`data-url="/api/v1/workspaces/${workspaceId}/sync-runs"`,
      caption: 'Sync runs, newest first',
      columns: ['Started', 'Status', 'Progress', 'Imported', 'Finished'],
      items: [],
      empty: 'Loading…',
      row: () => html``,
    })}`
}

export function signInBody(options: { error?: string; intercom: boolean }): Html {
  return html`${options.error ? html`<p class="error-summary" role="alert">${options.error}</p>` : ''}
    <section aria-labelledby="op-h">
      <h2 id="op-h">Sign in with the admin key</h2>
      <p id="key-help">
        The admin key is the value of the <code>ADMIN_API_KEY</code> variable in this server's
        configuration. Whoever installed the server chose it; ask them if you do not have it.
      </p>
      <form method="post" action="/admin/sign-in" class="sign-in">
        <div class="field">
          <label for="key">Admin API key</label
          ><input
            id="key"
            name="key"
            type="password"
            autocomplete="current-password"
            aria-describedby="key-help"
            required
          />
        </div>
        <button type="submit">Sign in</button>
      </form>
    </section>
    ${
      options.intercom
        ? html`<section aria-labelledby="ic-h">
            <h2 id="ic-h">Or sign in as an Intercom teammate</h2>
            <p>
              <a class="button" href="/intercom/install?purpose=admin">Sign in with Intercom</a>
            </p>
          </section>`
        : ''
    }`
}
