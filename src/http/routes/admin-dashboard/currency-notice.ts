import type { CurrencyToPick } from '../../../ledger/unlisted-currencies.js'
import { type Html, html } from './html.js'

/**
 * Asks the marketer to pick a currency where one was typed in by hand before currencies came from
 * a list and is not a currency (the text is kept; the setting is empty until they pick).
 */
export function currencyNotice(toPick: readonly CurrencyToPick[]): Html | '' {
  if (toPick.length === 0) return ''
  return html`<div class="notice currency-notice" id="currency-notice">
    <p>
      <strong>Pick a currency.</strong>
      ${toPick.length === 1 ? 'An amount was' : 'Some amounts were'} saved with a currency typed in
      by hand that is not a currency we know, so ${toPick.length === 1 ? 'it is' : 'they are'} not
      given until you choose one from the list and save:
    </p>
    <ul>
      ${toPick.map(
        (item) =>
          html`<li><a href="#f-${item.field}">${item.label}</a> was saved in “${item.saved}”.</li>`,
      )}
    </ul>
  </div>`
}
