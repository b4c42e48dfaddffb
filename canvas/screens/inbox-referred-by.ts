import { button, errorText, header, input, submit } from '../components.js'
import { INBOX } from '../component-ids.js'
import { type MessageKey, translator } from '../i18n/index.js'
import type { Component } from '../schema.js'

export interface InboxReferredByState {
  readonly locale: string | null | undefined
  readonly value: string
  readonly error: MessageKey | null
}

/** Quick-add of who referred this contact: a referral code or the referrer's email. */
export function inboxReferredBy(state: InboxReferredByState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [
    header(t('inbox.referredByTitle')),
    input(INBOX.referredByInput, {
      label: t('inbox.referredByLabel'),
      ...(state.value ? { value: state.value } : {}),
      ...(state.error ? { save_state: 'failed' as const } : {}),
    }),
  ]
  if (state.error) components.push(errorText(t(state.error)))
  components.push(
    button(INBOX.saveReferredBy, t('inbox.save'), submit),
    button(INBOX.back, t('inbox.back'), submit, { style: 'link' }),
  )
  return components
}
