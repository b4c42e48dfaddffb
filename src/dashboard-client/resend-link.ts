// "Resend link" on a referrer's page: sends them their link again through Intercom, then says
// what happened in words and adds the line to the page's timeline.
import { api, messageOf } from './api.js'
import { announceAndFocus, closestFrom } from './dom.js'

async function resend(button: HTMLButtonElement): Promise<void> {
  button.disabled = true
  const result = await api<{ sentAt: string }>('POST', button.dataset.resendLink ?? '', {})
  button.disabled = false
  if (!result.ok || !result.data) {
    announceAndFocus(messageOf(result, 'Their link could not be sent. Try again.'))
    return
  }
  announceAndFocus(
    'Link sent again. Intercom gets it within a minute; the message you set up on that event takes it to them.',
  )
  const timeline = document.querySelector('ol.timeline')
  if (!timeline) return
  const item = document.createElement('li')
  const time = document.createElement('time')
  time.dateTime = result.data.sentAt
  time.textContent = 'Just now'
  item.append(time, ' · Their link was sent to them again')
  timeline.prepend(item)
}

export function initResendLink(): void {
  document.addEventListener('click', (event) => {
    const button = closestFrom<HTMLButtonElement>(event, 'button[data-resend-link]')
    if (button) void resend(button)
  })
}
