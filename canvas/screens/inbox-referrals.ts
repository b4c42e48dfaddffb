import { button, header, list, listItem, muted, submit } from '../components.js'
import { INBOX } from '../component-ids.js'
import { translator } from '../i18n/index.js'
import type { Component } from '../schema.js'
import type { ReferralStatus } from './inbox-panel.js'

export interface InboxReferralsState {
  readonly locale: string | null | undefined
  /** Newest first; `itemId` is a component id the route maps back to a referral via stored_data. */
  readonly items: ReadonlyArray<{
    readonly itemId: string
    readonly friend: string
    readonly status: ReferralStatus
    /** YYYY-MM-DD, UTC. */
    readonly date: string
  }>
}

/** The contact's latest referrals; choosing one opens it for review. */
export function inboxReferrals(state: InboxReferralsState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [header(t('inbox.referralsTitle'))]
  if (state.items.length === 0) components.push(muted(t('inbox.noReferrals')))
  else
    components.push(
      list(
        state.items.map((item) =>
          listItem(item.itemId, item.friend, {
            subtitle: `${t(`status.${item.status}`)} · ${item.date}`,
            action: submit,
          }),
        ),
      ),
    )
  components.push(button(INBOX.back, t('inbox.back'), submit, { style: 'link' }))
  return components
}
