import { button, header, muted, submit, text } from '../components.js'
import { INBOX } from '../component-ids.js'
import { translator, type Translate } from '../i18n/index.js'
import type { Component } from '../schema.js'
import { escapeMarkdown } from '../markdown.js'

/** The entry to erasure (under More actions): a quiet link, since the confirm screen comes first. */
export function eraseEntry(t: Translate): Component {
  return button(INBOX.erasePerson, t('inbox.erase'), submit, { style: 'link' })
}

/** Asks the agent to confirm an erasure, saying what goes and what stays. */
export function inboxEraseConfirm(state: {
  readonly locale: string | null | undefined
  readonly name: string
}): Component[] {
  const t = translator(state.locale)
  return [
    header(t('inbox.eraseTitle', { name: escapeMarkdown(state.name) })),
    text(t('inbox.eraseExplain')),
    button(INBOX.confirmErase, t('inbox.eraseConfirm'), submit, { style: 'primary' }),
    button(INBOX.back, t('inbox.back'), submit, { style: 'link' }),
  ]
}

/** What the panel shows for someone erased (instead of enrolling them again). */
export function inboxErased(state: { readonly locale: string | null | undefined }): Component[] {
  return [muted(translator(state.locale)('inbox.erased'))]
}
