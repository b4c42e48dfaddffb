import type { Campaign } from '../../../ledger/types.js'
import type { PayoutConnectionView } from '../../../rewards/payouts/connections.js'
import { PROVIDER_NAMES } from '../../../rewards/payouts/provider.js'
import { html } from './html.js'
import { money } from './payouts-page.js'
import type { ChecklistItem } from './setup-checklist.js'

/**
 * The set-up step for gift cards and cash, once a campaign pays out or a provider is connected:
 * each provider a rule names is connected and its balance is above the warning line.
 */
export function payoutChecklistItems(
  base: string,
  campaigns: readonly Campaign[],
  connections: readonly PayoutConnectionView[],
): ChecklistItem[] {
  const named = new Set(
    campaigns.flatMap((c) =>
      c.settings.rewards.rules.flatMap((r) =>
        r.kind === 'payout' && r.payoutProvider ? [r.payoutProvider] : [],
      ),
    ),
  )
  if (named.size === 0 && connections.length === 0) return []
  const missing = [...named].filter((p) => !connections.some((c) => c.provider === p))
  const low = connections.filter((c) => c.lowBalance)
  const link = html`<a href="${base}/payouts">Payouts</a>`
  return [
    {
      key: 'payouts',
      title: 'Payout provider connected and funded',
      done: missing.length === 0 && low.length === 0,
      detail:
        missing.length > 0
          ? html`Next: connect ${missing.map((p) => PROVIDER_NAMES[p]).join(' and ')} in ${link}; a
            reward rule pays out through it.`
          : low.length > 0
            ? html`Low balance at
              ${low.map(
                (c, i) =>
                  html`${i > 0 ? ', ' : ''}${PROVIDER_NAMES[c.provider]}
                  (${c.balance ? money(c.balance.minor, c.balance.currency) : '—'})`,
              )}:
              top up, or payouts will wait for funds. See ${link}.`
            : html`Connected:
              ${connections
                .map(
                  (c) =>
                    `${PROVIDER_NAMES[c.provider]} (${c.environment === 'live' ? 'live' : 'sandbox'})`,
                )
                .join(', ')}.`,
    },
  ]
}
