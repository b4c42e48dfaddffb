import type { StripeConnectionView } from '../../../billing/stripe-connection.js'
import type { BillingEventView } from '../../../billing/stripe-events.js'
import { HANDLED_EVENT_TYPES } from '../../../billing/stripe-event.js'
import { formatMoney } from '../../../money/format.js'
import { type Html, html } from './html.js'
import { momentTime as when } from './moment.js'
import { listTable } from './list-table.js'

export interface BillingPageInput {
  readonly base: string
  readonly api: string
  readonly webhookUrl: string
  readonly connection: StripeConnectionView
  readonly unmatched: BillingEventView[]
  readonly recent: BillingEventView[]
  /** Set when the page shows one referral's billing history. */
  readonly referral: { id: string; events: BillingEventView[] } | null
}

const STATUS_WORDS: Record<BillingEventView['status'], string> = {
  received: 'Waiting',
  processed: 'Done',
  unmatched: 'No friend found',
  refused: 'Refused',
}

function amount(event: BillingEventView): string {
  if (event.amountMinor === null || !event.currency) return '—'
  return formatMoney(event.amountMinor, event.currency)
}

function eventsTable(
  id: string,
  caption: string,
  events: BillingEventView[],
  base: string,
  empty: string,
): Html {
  return listTable({
    id,
    caption,
    columns: [
      'When (UTC)',
      'Stripe event',
      'Customer',
      'Amount',
      'Result',
      'What happened',
      'Referral',
    ],
    items: events,
    whenEmpty: html`<p id="${id}" class="empty">${empty}</p>`,
    row: (event) =>
      html`<tr>
        <td>${when(event.occurredAt)}</td>
        <td><code>${event.type}</code><br /><small>${event.eventId}</small></td>
        <td>${event.email ?? event.customerId ?? '—'}</td>
        <td>${amount(event)}</td>
        <td>${STATUS_WORDS[event.status]}</td>
        <td>${event.outcome ?? '—'}</td>
        <td>
          ${
            event.referralId
              ? html`<a
                  href="${base}/billing?referral=${event.referralId}"
                  aria-label="Billing history of referral ${event.referralId}"
                  >Billing history</a
                >`
              : '—'
          }
        </td>
      </tr>`,
  })
}

/** A Stripe secret: typed in, never shown back (the page names only the stored key's hint). */
function secretField(name: string, label: string, help: string): Html {
  return html`<div class="field">
    <label for="f-${name}">${label}</label>
    <input
      id="f-${name}"
      name="${name}"
      type="password"
      autocomplete="off"
      spellcheck="false"
      required
      aria-describedby="help-${name} err-${name}"
    />
    <p class="help" id="help-${name}">${help}</p>
    <p class="field-error" id="err-${name}" hidden></p>
  </div>`
}

function connectionSummary(connection: StripeConnectionView): Html {
  if (!connection.connected) {
    return html`<p id="stripe-state">
      Not connected yet. Payments do not qualify referrals until you connect Stripe below.
    </p>`
  }
  return html`<p id="stripe-state">
    Connected to <strong>${connection.accountName ?? connection.accountId ?? 'Stripe'}</strong>
    (${connection.livemode ? 'live' : 'test'} mode, key ${connection.keyHint ?? ''}), checked
    ${connection.verifiedAt ? when(connection.verifiedAt) : '—'}.
  </p>`
}

/** The billing page: connect Stripe, see what its events did, and what matched no one. */
export function billingBody(input: BillingPageInput): Html {
  const { connection } = input
  return html`<section aria-labelledby="stripe-h">
      <h2 id="stripe-h">Stripe connection</h2>
      ${connectionSummary(connection)}
      <form id="stripe-form" class="settings" data-api="${input.api}" novalidate>
        <div id="form-status" role="status" aria-live="polite"></div>
        <div id="form-errors" class="error-summary" role="alert" tabindex="-1" hidden></div>
        ${secretField(
          'secretKey',
          'Secret key',
          `In Stripe: Developers → API keys. A restricted key (rk_…) needs read access to the
          account and customers, and write access to customers, coupons and promotion codes if
          rewards are paid as credit.`,
        )}
        ${secretField(
          'webhookSecret',
          'Webhook signing secret',
          `In Stripe: Developers → Webhooks → Add endpoint with the URL below, then reveal its
          signing secret (whsec_…).`,
        )}
        <button type="submit">${connection.connected ? 'Replace keys' : 'Connect Stripe'}</button>
      </form>
      <h3>Endpoint for Stripe</h3>
      <p>
        <label for="webhook-url">Endpoint URL</label>
        <input id="webhook-url" readonly value="${input.webhookUrl}" size="60" />
      </p>
      <p>
        Events to send:
        ${HANDLED_EVENT_TYPES.map((type, i) => html`${i > 0 ? ', ' : ''}<code>${type}</code>`)}.
      </p>
    </section>
    ${
      input.referral
        ? html`<section aria-labelledby="referral-h">
            <h2 id="referral-h">Billing history of one referral</h2>
            ${eventsTable(
              'referral-events',
              `Stripe events of referral ${input.referral.id}, oldest first`,
              input.referral.events,
              input.base,
              'No Stripe event has matched this referral yet.',
            )}
            <p><a href="${input.base}/billing">All billing events</a></p>
          </section>`
        : ''
    }
    <section aria-labelledby="unmatched-h">
      <h2 id="unmatched-h">Payments that match no referred friend</h2>
      <p>
        Kept, and counted automatically when the friend is referred later (same Stripe customer,
        email or Intercom contact).
      </p>
      ${eventsTable(
        'unmatched-events',
        'Unmatched Stripe events, newest first',
        input.unmatched,
        input.base,
        'Every Stripe event matched a referred friend.',
      )}
    </section>
    <section aria-labelledby="recent-h">
      <h2 id="recent-h">Latest billing events</h2>
      ${eventsTable(
        'recent-events',
        'The latest Stripe events and what each did, newest first',
        input.recent,
        input.base,
        'No Stripe event has arrived yet.',
      )}
    </section>`
}
