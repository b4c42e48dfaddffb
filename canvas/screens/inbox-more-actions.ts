import {
  button,
  checkbox,
  dataTable,
  errorText,
  header,
  list,
  listItem,
  muted,
  optionOf,
  submit,
  textarea,
} from '../components.js'
import { INBOX } from '../component-ids.js'
import { eraseEntry } from './inbox-erase.js'
import { type MessageKey, translator } from '../i18n/index.js'
import type { Component } from '../schema.js'
import { escapeMarkdown } from '../markdown.js'

export interface InboxMoreActionsState {
  readonly locale: string | null | undefined
  readonly name: string
  readonly code: string
  readonly blocked: boolean
  readonly notice: MessageKey | null
  readonly error: MessageKey | null
}

/**
 * The abuse cases agents meet most: block (or unblock) the referrer, give them a new code (the
 * old one keeps working unless ticked off), or void a reward. The reason goes into the note the
 * action leaves on the conversation.
 */
export function inboxMoreActions(state: InboxMoreActionsState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [
    header(t('inbox.moreTitle', { name: escapeMarkdown(state.name) })),
  ]
  if (state.notice) components.push(muted(t(state.notice)))
  components.push(
    textarea(INBOX.actionReason, { label: t('inbox.actionReason'), error: Boolean(state.error) }),
  )
  if (state.error) components.push(errorText(t(state.error)))
  components.push(
    state.blocked
      ? button(INBOX.unblock, t('inbox.unblock'), submit, { style: 'secondary' })
      : button(INBOX.block, t('inbox.block'), submit, { style: 'secondary' }),
    dataTable([[t('inbox.code'), state.code]]),
    checkbox(INBOX.disableOld, [optionOf(INBOX.disableOldYes, t('inbox.disableOld'))]),
    button(INBOX.newCode, t('inbox.newCode'), submit, { style: 'secondary' }),
    button(INBOX.voidReward, t('inbox.voidReward'), submit, { style: 'secondary' }),
    // Erasure is rare and final: it sits here, behind its own confirm screen.
    eraseEntry(t),
    button(INBOX.back, t('inbox.back'), submit, { style: 'link' }),
  )
  return components
}

export interface InboxVoidListState {
  readonly locale: string | null | undefined
  /** `itemId` maps back to a reward through stored_data, like the referrals list. */
  readonly items: ReadonlyArray<{
    readonly itemId: string
    readonly title: string
    readonly subtitle: string
  }>
}

/** The contact's rewards that still count; choosing one asks for the reason to void it. */
export function inboxVoidList(state: InboxVoidListState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [header(t('inbox.voidTitle'))]
  if (state.items.length === 0) components.push(muted(t('inbox.noRewards')))
  else
    components.push(
      list(
        state.items.map((item) =>
          listItem(item.itemId, item.title, { subtitle: item.subtitle, action: submit }),
        ),
      ),
    )
  components.push(button(INBOX.back, t('inbox.back'), submit, { style: 'link' }))
  return components
}

export interface InboxVoidRewardState {
  readonly locale: string | null | undefined
  readonly reward: string
  readonly status: string
  readonly error: MessageKey | null
}

/** One reward about to be voided: what it is, and the reason the agent gives. */
export function inboxVoidReward(state: InboxVoidRewardState): Component[] {
  const t = translator(state.locale)
  const components: Component[] = [
    header(t('inbox.voidTitle')),
    dataTable([
      [t('inbox.reward'), state.reward],
      [t('inbox.status'), state.status],
    ]),
    textarea(INBOX.actionReason, { label: t('inbox.actionReason'), error: Boolean(state.error) }),
  ]
  if (state.error) components.push(errorText(t(state.error)))
  components.push(
    button(INBOX.voidConfirm, t('inbox.voidConfirm'), submit),
    button(INBOX.back, t('inbox.back'), submit, { style: 'link' }),
  )
  return components
}
