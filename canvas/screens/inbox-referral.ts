import { button, dataTable, errorText, header, muted, submit, textarea } from '../components.js'
import { INBOX } from '../component-ids.js'
import { type MessageKey, translator } from '../i18n/index.js'
import type { Component } from '../schema.js'
import type { ReferralStatus } from './inbox-panel.js'

export interface InboxReferralState {
  readonly locale: string | null | undefined
  readonly friend: string
  readonly referrer: string
  readonly status: ReferralStatus
  readonly source: string
  /** YYYY-MM-DD, UTC. */
  readonly date: string
  readonly reason: string | null
  readonly notice: MessageKey | null
  readonly error: MessageKey | null
}

/** One referral under review: qualify it, or reject it with a reason. */
export function inboxReferral(state: InboxReferralState): Component[] {
  const t = translator(state.locale)
  const rows: [string, string][] = [
    [t('inbox.friend'), state.friend],
    [t('inbox.referrer'), state.referrer],
    [t('inbox.status'), t(`status.${state.status}`)],
    [t('inbox.source'), state.source],
    [t('inbox.date'), state.date],
  ]
  if (state.reason) rows.push([t('inbox.reason'), state.reason])
  const components: Component[] = [header(t('inbox.referralTitle'))]
  if (state.notice) components.push(muted(t(state.notice)))
  components.push(dataTable(rows))
  if (state.status !== 'qualified')
    components.push(button(INBOX.qualify, t('inbox.qualify'), submit))
  if (state.status !== 'rejected') {
    components.push(
      textarea(INBOX.rejectReason, { label: t('inbox.rejectReason'), error: Boolean(state.error) }),
    )
    if (state.error) components.push(errorText(t(state.error)))
    components.push(button(INBOX.reject, t('inbox.reject'), submit, { style: 'secondary' }))
  }
  components.push(button(INBOX.back, t('inbox.back'), submit, { style: 'link' }))
  return components
}
