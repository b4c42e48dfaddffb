import type { CatalogItem } from '../../../../rewards/payouts/provider.js'
import { type Html, html } from '../html.js'
import { catalogValueText } from '../payouts-page.js'

/**
 * Tango Card's catalog in a reward rule: a search box narrowing a list of the account's gift
 * cards (brand, name, value range, currency); choosing one fills the rule's catalog item (utid),
 * its name and currency (dashboard-client/catalog-picker.ts). Shown for payout rules paid through
 * Tango Card only. The list is the catalog as last read, so the page makes no call to Tango Card.
 */
export function catalogPicker(
  index: string,
  items: readonly CatalogItem[] | null,
  chosen: string,
  shown: boolean,
): Html {
  const id = `f-rewards.rules.${index}.catalog`
  const help = `help-rewards.rules.${index}.catalog`
  if (!items || items.length === 0) {
    return html`<div class="field rule-catalog" data-catalog-picker ${shown ? '' : html`hidden`}>
      <p class="help">
        Connect Tango Card on the Payouts page to choose a gift card from its catalog here.
      </p>
    </div>`
  }
  return html`<div class="field rule-catalog" data-catalog-picker ${shown ? '' : html`hidden`}>
    <label for="${id}.search">Find a gift card in your Tango Card catalog</label>
    <input
      type="search"
      id="${id}.search"
      data-catalog-search
      autocomplete="off"
      placeholder="Brand or gift card, e.g. Amazon"
      aria-describedby="${help}"
    />
    <label for="${id}.pick" class="sr-only">Gift cards in your Tango Card catalog</label>
    <select id="${id}.pick" data-catalog-pick size="5" aria-describedby="${help}">
      ${items.map(
        (item) =>
          html`<option
            value="${item.id}"
            data-name="${item.name}"
            data-currency="${item.currency}"
            ${item.id === chosen ? html`selected` : ''}
          >
            ${item.brand ? `${item.brand}: ` : ''}${item.name}, ${catalogValueText(item)}
            (${item.currency})
          </option>`,
      )}
    </select>
    <p class="help" id="${help}">
      Choosing one fills in the catalog item, its name and currency.
      <span data-catalog-count aria-live="polite">${items.length} gift cards.</span>
    </p>
  </div>`
}
