import type { PayoutRow } from '../../../../db/tables/payouts.js'
import { minorUnitDigits } from '../../../money/currencies.js'
import type { BudgetView } from '../../../rewards/payouts/payout-budget.js'
import type { PayoutConnectionView } from '../../../rewards/payouts/connections.js'
import {
  type CatalogItem,
  PROVIDER_NAMES,
  type PayoutProviderName,
} from '../../../rewards/payouts/provider.js'
import { type Html, html } from './html.js'
import { listTable } from './list-table.js'
import { momentTime as when } from './moment.js'
import { csvLink } from './pages.js'

export interface PayoutsPageInput {
  readonly base: string
  /** Tango Card's catalog as last read, and what the admin searches it for. */
  readonly tangoCatalog: readonly CatalogItem[] | null
  readonly catalogSearch: string
  /** Payouts not sent yet, per provider: those of a disconnected provider wait for it. */
  readonly requestedByProvider: Partial<Record<PayoutProviderName, number>>
  readonly connections: readonly PayoutConnectionView[]
  readonly budgets: readonly BudgetView[]
  readonly campaigns: readonly { id: string; name: string }[]
  readonly held: readonly PayoutRow[]
  readonly failed: readonly PayoutRow[]
  readonly flagged: readonly PayoutRow[]
  readonly recent: readonly PayoutRow[]
  /** What the last action did, or why it was refused. */
  readonly message: { kind: 'done' | 'error'; text: string; field?: string } | null
}

export function money(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency)
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits)
}

const STATUS_WORDS: Record<PayoutRow['status'], string> = {
  awaiting_approval: 'Waiting for approval',
  awaiting_address: 'Waiting for the referrer’s PayPal address',
  requested: 'On its way',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
  flagged: 'Needs you',
}

function field(
  provider: string,
  name: string,
  label: string,
  help: string,
  options: { secret?: boolean; required?: boolean; value?: string } = {},
): Html {
  const id = `${provider}-${name}`
  return html`<div class="field">
    <label for="${id}">${label}${options.required === false ? ' (optional)' : ''}</label>
    <input
      id="${id}"
      name="${name}"
      type="${options.secret ? 'password' : 'text'}"
      autocomplete="off"
      spellcheck="false"
      value="${options.value ?? ''}"
      ${options.required === false ? '' : html`required`}
      aria-describedby="${id}-help"
    />
    <p class="help" id="${id}-help">${help}</p>
  </div>`
}

function environmentChoice(provider: string, current: 'sandbox' | 'live'): Html {
  return html`<fieldset class="field">
    <legend>Which account</legend>
    <label
      ><input
        type="radio"
        name="environment"
        value="sandbox"
        ${current === 'sandbox' ? html`checked` : ''}
      />
      Sandbox: test money, nothing is really sent</label
    >
    <label
      ><input
        type="radio"
        name="environment"
        value="live"
        ${current === 'live' ? html`checked` : ''}
      />
      Live: real gift cards and cash</label
    >
  </fieldset>`
}

const FIELDS: Record<PayoutProviderName, (c: PayoutConnectionView | undefined) => Html> = {
  tremendous: (c) =>
    html`${field('tremendous', 'apiKey', 'API key', 'In Tremendous: Team settings → Developers → API keys.', { secret: true })}
    ${field('tremendous', 'campaignId', 'Campaign for the recipient’s choice', 'A Tremendous campaign id: its catalog is what a recipient chooses from when a rule names no product.', { required: false, value: c?.options.campaignId ?? '' })}
    ${field('tremendous', 'fundingSourceId', 'Funding source', 'Empty: your Tremendous balance.', { required: false, value: c?.options.fundingSourceId === 'balance' ? '' : (c?.options.fundingSourceId ?? '') })}`,
  tango_card: (c) =>
    html`${field('tango_card', 'platformName', 'Platform name', 'Given by Tango Card with your API access.', { value: c?.options.platformName ?? '' })}
    ${field('tango_card', 'platformKey', 'Platform key', 'Given by Tango Card with your API access.', { secret: true })}
    ${field('tango_card', 'customerIdentifier', 'Customer identifier', 'The customer your rewards account belongs to.', { value: c?.options.customerIdentifier ?? '' })}
    ${field('tango_card', 'accountIdentifier', 'Account identifier', 'The funded account gift cards are paid from.', { value: c?.options.accountIdentifier ?? '' })}`,
  paypal: (c) =>
    html`${field('paypal', 'clientId', 'Client id', 'In the PayPal Developer Dashboard: Apps & Credentials, your REST app (with Payouts enabled).', { value: c?.options.clientId ?? '' })}
    ${field('paypal', 'clientSecret', 'Secret', 'The same app’s secret.', { secret: true })}`,
}

/** What an item may be ordered for: "$25.00", or "$1.00 to $2,000.00". */
export function catalogValueText(item: CatalogItem): string {
  if (!item.value) return `any amount in ${item.currency}`
  return item.value.kind === 'fixed'
    ? money(item.value.minor, item.currency)
    : `${money(item.value.minMinor, item.currency)} to ${money(item.value.maxMinor, item.currency)}`
}

/** Items whose brand, name or utid contain every word searched for. */
export function searchCatalog(items: readonly CatalogItem[], query: string): CatalogItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return items.filter((item) => {
    const text = `${item.brand ?? ''} ${item.name} ${item.id} ${item.currency}`.toLowerCase()
    return words.every((w) => text.includes(w))
  })
}

const CATALOG_ROWS = 50

function catalogSection(
  base: string,
  connection: PayoutConnectionView,
  items: readonly CatalogItem[] | null,
  search: string,
): Html {
  const found = items ? searchCatalog(items, search) : []
  return html`<div class="catalog" id="tango-catalog">
    <h4>Your Tango Card catalog</h4>
    <p>
      ${
        items
          ? html`${items.length} gift cards, read
            ${connection.catalogReadAt ? when(connection.catalogReadAt) : ''}. A reward rule picks
            one in the campaign editor.`
          : html`Not read yet.`
      }
    </p>
    <form method="get" action="${base}/payouts#tango-catalog" class="inline-search" role="search">
      <label for="catalog-q">Search the catalog</label>
      <input id="catalog-q" name="q" type="search" value="${search}" placeholder="e.g. Amazon" />
      <button type="submit" class="secondary">Search</button>
    </form>
    ${
      items
        ? html`<div class="table-scroll" role="region" aria-label="Gift cards in your catalog" tabindex="0">
              ${listTable({
                id: 'catalog-items',
                caption: search
                  ? `Gift cards matching “${search}” (${found.length})`
                  : `Gift cards in your catalog (${found.length})`,
                columns: ['Brand', 'Gift card', 'Value', 'Currency', 'Catalog id (utid)'],
                items: found.slice(0, CATALOG_ROWS),
                empty: 'No gift card matches.',
                row: (item) =>
                  html`<tr>
                    <td>${item.brand ?? '—'}</td>
                    <td>${item.name}</td>
                    <td>${catalogValueText(item)}</td>
                    <td>${item.currency}</td>
                    <td><code>${item.id}</code></td>
                  </tr>`,
              })}
            </div>
            ${found.length > CATALOG_ROWS ? html`<p class="help">The first ${CATALOG_ROWS} are shown: search to narrow.</p>` : ''}`
        : ''
    }
    <form method="post" action="${base}/payouts/catalog">
      <button type="submit" class="secondary">Read the catalog again</button>
    </form>
  </div>`
}

function connectedTools(
  base: string,
  provider: PayoutProviderName,
  connection: PayoutConnectionView,
): Html {
  const name = PROVIDER_NAMES[provider]
  const currency = connection.balance?.currency ?? 'USD'
  const line = (connection.lowBalanceMinor / 10 ** minorUnitDigits(currency)).toFixed(
    minorUnitDigits(currency),
  )
  return html`<form method="post" action="${base}/payouts/threshold" class="settings">
      <input type="hidden" name="provider" value="${provider}" />
      <div class="field">
        <label for="${provider}-threshold">Warn when the balance is under (${currency})</label>
        <input
          id="${provider}-threshold"
          name="amount"
          inputmode="decimal"
          value="${line}"
          aria-describedby="${provider}-threshold-help"
        />
        <p class="help" id="${provider}-threshold-help">
          Below it, this page and the set-up checklist warn you. The balance is read every hour.
        </p>
      </div>
      <button type="submit" class="secondary">Save warning line</button>
    </form>
    <form
      method="post"
      action="${base}/payouts/disconnect"
      data-confirm="Disconnect ${name}? Its key is deleted from this app. Payouts not sent yet wait until you connect it again; nothing is lost."
    >
      <input type="hidden" name="provider" value="${provider}" />
      <button type="submit" class="danger">Disconnect ${name}</button>
    </form>`
}

function waitingNotice(name: string, waiting: number): Html | string {
  if (waiting === 0) return ''
  return html`<p class="notice" role="status">
    ${waiting === 1 ? '1 payout waits' : `${waiting} payouts wait`} for ${name}: connect it again
    and ${waiting === 1 ? 'it is' : 'they are'} sent, each once.
  </p>`
}

function connectionCard(
  base: string,
  provider: PayoutProviderName,
  connection: PayoutConnectionView | undefined,
  input: PayoutsPageInput,
): Html {
  const name = PROVIDER_NAMES[provider]
  const headingId = `conn-${provider}`
  return html`<section class="card" aria-labelledby="${headingId}">
    <h3 id="${headingId}">${name}</h3>
    ${
      connection
        ? html`<p>
              Connected to <strong>${connection.accountLabel ?? name}</strong>,
              <span class="badge ${connection.environment === 'live' ? 'active' : ''}"
                >${connection.environment === 'live' ? 'Live: real money' : 'Sandbox: test money'}</span
              >, key ${connection.keyHint}, checked ${when(connection.verifiedAt)}.
            </p>
            <p>
              Balance:
              <strong
                >${connection.balance ? money(connection.balance.minor, connection.balance.currency) : 'not reported'}</strong
              >${connection.balanceCheckedAt ? html` (read ${when(connection.balanceCheckedAt)})` : ''}.
            </p>
            ${
              connection.lowBalance
                ? html`<p class="notice" role="alert">
                    Low balance: under
                    ${money(connection.lowBalanceMinor, connection.balance?.currency ?? 'USD')}. Top
                    up your ${name} account, or payouts will wait for funds.
                  </p>`
                : ''
            }
            <form method="post" action="${base}/payouts/refresh">
              <input type="hidden" name="provider" value="${provider}" />
              <button type="submit" class="button">Read the balance again</button>
            </form>
            ${connectedTools(base, provider, connection)}
            ${provider === 'tango_card' ? catalogSection(base, connection, input.tangoCatalog, input.catalogSearch) : ''}`
        : html`<p>Not connected.</p>
            ${waitingNotice(name, input.requestedByProvider[provider] ?? 0)}`
    }
    <form method="post" action="${base}/payouts/connect" class="settings">
      <input type="hidden" name="provider" value="${provider}" />
      ${environmentChoice(provider, connection?.environment ?? 'sandbox')}
      ${FIELDS[provider](connection)}
      <button type="submit">${connection ? `Replace ${name} details` : `Connect ${name}`}</button>
    </form>
  </section>`
}

/** A wide table scrolls inside its own box on a phone; the box is focusable to scroll by keyboard. */
function scrollable(label: string, table: Html): Html {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`
}

function payoutWhat(p: PayoutRow): string {
  return `${money(p.amount_minor, p.currency)}${p.product_name ? ` ${p.product_name}` : ''} by ${PROVIDER_NAMES[p.provider]}`
}

function selectableTable(
  base: string,
  id: string,
  caption: string,
  rows: readonly PayoutRow[],
  action: { path: string; label: string },
  empty: string,
): Html {
  if (rows.length === 0) return html`<p id="${id}" class="empty">${empty}</p>`
  return html`<form method="post" action="${base}/payouts/${action.path}">
    ${scrollable(
      caption,
      listTable({
        id,
        caption,
        columns: ['Choose', 'Payout', 'To', 'Since (UTC)', 'Why'],
        items: rows,
        row: (p) =>
          html`<tr>
            <td>
              <input
                type="checkbox"
                name="payoutId"
                value="${p.id}"
                id="pick-${p.id}"
                aria-label="Choose ${payoutWhat(p)} to ${p.recipient_email ?? 'the referrer'}"
              />
            </td>
            <td><label for="pick-${p.id}">${payoutWhat(p)}</label></td>
            <td>${p.recipient_email ?? '—'}</td>
            <td>${when(p.updated_at)}</td>
            <td>${p.failure_reason ?? p.last_error ?? '—'}</td>
          </tr>`,
      }),
    )}
    <button type="submit">${action.label}</button>
  </form>`
}

function budgetForm(base: string, input: PayoutsPageInput): Html {
  const name = (id: string) =>
    id ? (input.campaigns.find((c) => c.id === id)?.name ?? 'A campaign') : 'Whole workspace'
  return html`${listTable({
      id: 'budgets',
      caption: 'Monthly payout budgets (calendar month, UTC)',
      columns: ['For', 'Budget', 'Spent this month'],
      items: input.budgets,
      empty: 'No budget set: every approved payout is sent.',
      row: (b) =>
        html`<tr>
          <th scope="row">${name(b.campaignId)}</th>
          <td>${money(b.monthlyLimitMinor, b.currency)}</td>
          <td>${money(b.spentMinor, b.currency)}</td>
        </tr>`,
    })}
    <form method="post" action="${base}/payouts/budget" class="settings">
      <div class="field">
        <label for="budget-scope">Budget for</label>
        <select id="budget-scope" name="campaignId">
          <option value="">Whole workspace</option>
          ${input.campaigns.map((c) => html`<option value="${c.id}">${c.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="budget-amount">Most paid out per month</label>
        <input
          id="budget-amount"
          name="amount"
          inputmode="decimal"
          aria-describedby="budget-help"
        />
        <p class="help" id="budget-help">
          For example 500.00. Empty removes the budget. Past it, payouts wait for your approval
          below.
        </p>
      </div>
      <div class="field">
        <label for="budget-currency">Currency</label>
        <input id="budget-currency" name="currency" value="USD" size="4" maxlength="3" />
      </div>
      <button type="submit">Save budget</button>
    </form>`
}

/** The payouts page: providers, budgets, what waits for approval, what failed, what was sent. */
export function payoutsBody(input: PayoutsPageInput): Html {
  const { base } = input
  const byProvider = new Map(input.connections.map((c) => [c.provider, c]))
  return html`${
      input.message
        ? input.message.kind === 'error'
          ? html`<div class="error-summary" role="alert" id="payouts-message">
              ${input.message.text}
            </div>`
          : html`<p role="status" id="payouts-message">${input.message.text}</p>`
        : ''
    }
    <p>
      Gift cards and cash rewards are paid by the provider a reward rule names (Campaigns → Reward
      rules, kind “payout”). Each reward is paid once. Each provider’s set-up and fees are described
      in the project’s <code>docs/payouts.md</code>.
    </p>
    <section aria-labelledby="approve-h">
      <h2 id="approve-h">Waiting for your approval</h2>
      ${selectableTable(
        base,
        'held-payouts',
        'Payouts past a monthly budget, oldest first',
        input.held,
        { path: 'approve', label: 'Approve chosen payouts' },
        'Nothing is waiting for approval.',
      )}
    </section>
    <section aria-labelledby="failed-h">
      <h2 id="failed-h">Payouts that failed</h2>
      ${selectableTable(
        base,
        'failed-payouts',
        'Payouts the provider refused after every retry, newest first',
        input.failed,
        { path: 'retry', label: 'Retry chosen payouts' },
        'No payout has failed.',
      )}
      ${
        input.flagged.length > 0
          ? listTable({
              id: 'flagged-payouts',
              caption: 'Reversed after they were sent: the provider could not cancel them',
              columns: ['Payout', 'To', 'Sent (UTC)'],
              items: input.flagged,
              row: (p) =>
                html`<tr>
                  <td>${payoutWhat(p)}</td>
                  <td>${p.recipient_email ?? '—'}</td>
                  <td>${p.sent_at ? when(p.sent_at) : '—'}</td>
                </tr>`,
            })
          : ''
      }
    </section>
    <section aria-labelledby="providers-h">
      <h2 id="providers-h">Payout providers</h2>
      <p>Details are checked with the provider before they are saved, and stored encrypted.</p>
      ${(['tremendous', 'tango_card', 'paypal'] as const).map((p) =>
        connectionCard(base, p, byProvider.get(p), input),
      )}
    </section>
    <section aria-labelledby="budget-h">
      <h2 id="budget-h">Budgets</h2>
      ${budgetForm(base, input)}
    </section>
    <section aria-labelledby="recent-h">
      <h2 id="recent-h">Latest payouts</h2>
      ${csvLink(decodeURIComponent(base.slice('/admin/w/'.length)), 'payouts', 'every payout')}
      ${scrollable(
        'Latest payouts',
        listTable({
          id: 'recent-payouts',
          caption: 'The latest payouts and where each stands, newest first',
          columns: ['Payout', 'To', 'State', 'When (UTC)'],
          items: input.recent,
          empty: 'No payout yet.',
          row: (p) =>
            html`<tr>
              <td>${payoutWhat(p)}</td>
              <td>${p.recipient_email ?? '—'}</td>
              <td>
                ${STATUS_WORDS[p.status]}${
                  p.status === 'requested' && p.last_error
                    ? html`<br /><span class="help">${p.last_error}</span>`
                    : ''
                }
              </td>
              <td>${when(p.updated_at)}</td>
            </tr>`,
        }),
      )}
    </section>`
}
