import type { RewardDelivery } from '../../../ledger/admin/listings.js'
import { type Html, html } from './html.js'
import { momentTime as when } from './moment.js'

/**
 * Why a reward's delivery failed, in words. The worker records the error as thrown
 * (src/rewards/fulfilment-webhook.ts words its own); anything else is shown as written, as a
 * literal, after a sentence that says what it is.
 */
export function deliveryFailureWords(failure: string | null): Html | string {
  if (!failure) return 'The delivery failed without a reason.'
  const answered = /fulfilment webhook answered (\d{3})/.exec(failure)
  if (answered)
    return `Your reward system refused it: its address answered with error ${answered[1]}.`
  if (failure.startsWith('fulfilment webhook unreachable'))
    return 'Your reward system could not be reached at its address.'
  if (failure.startsWith('fulfilment webhook refused'))
    return 'Your reward system’s address is not allowed (it points to a private or unsafe address).'
  return html`The delivery stopped with this error: <code>${failure.slice(0, 300)}</code>`
}

/** The badge and sentences of a reward whose delivery went wrong, in its status cell. */
export function deliveryCell(delivery: RewardDelivery): Html {
  if (delivery.status === 'retrying')
    return html`<span class="status-badge waiting">Trying again</span>
      <br /><small>Another delivery attempt was asked for; it goes out within a minute.</small>`
  const attempts = delivery.attempts ?? 1
  return html`<span class="status-badge bad">Delivery failed</span>
    <br /><small class="failure-reason">${deliveryFailureWords(delivery.failure)}</small>
    <br /><small
      >${attempts === 1 ? 'One attempt' : `${attempts} attempts`}${
        delivery.failedAt ? html`, the last ${when(delivery.failedAt)}` : ''
      }.
      ${
        delivery.gaveUp
          ? 'The app has stopped trying by itself.'
          : 'The app tries again by itself, less often each time.'
      }</small
    >`
}

/** The row's "Retry delivery" button, posted by the dashboard's script (delivery-retry.ts). */
export function retryDeliveryButton(rewardUrl: string, name: string): Html {
  return html`<button
      type="button"
      data-retry-delivery="${rewardUrl}/retry-delivery"
      aria-label="Retry delivery of ${name}"
    >
      Retry delivery
    </button> `
}
