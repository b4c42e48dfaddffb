// "Retry delivery" on the review list: asks the server for one more delivery attempt of a reward
// whose delivery failed, then says what happened in words and redraws the row's status.
import { api, messageOf } from './api.js'
import { announce, announceAndFocus, closestFrom } from './dom.js'

const OUTCOME_WORDS: Record<string, string> = {
  requested: 'Delivery requested: the reward goes out again within a minute.',
  already_requested: 'A new attempt was already requested: it goes out within a minute.',
  in_progress: 'An attempt is being made right now. Reload the page in a minute to see how it went.',
}

async function retry(button: HTMLButtonElement): Promise<void> {
  const row = button.closest('tr')
  button.disabled = true
  const result = await api<{ outcome: string }>('POST', button.dataset.retryDelivery ?? '', {})
  if (!result.ok || !result.data || !row) {
    button.disabled = false
    announce(messageOf(result, 'The delivery could not be requested. Try again.'))
    return
  }
  const cell = row.querySelector('.status')
  if (cell && result.data.outcome !== 'in_progress') {
    const badge = document.createElement('span')
    badge.className = 'status-badge waiting'
    badge.textContent = 'Trying again'
    cell.replaceChildren(badge)
  }
  if (result.data.outcome === 'in_progress') button.disabled = false
  else button.remove()
  announceAndFocus(OUTCOME_WORDS[result.data.outcome] ?? 'Delivery requested.')
}

export function initDeliveryRetry(): void {
  document.addEventListener('click', (event) => {
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-retry-delivery]')
    if (button) void retry(button)
  })
}
