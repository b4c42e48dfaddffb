import { errorText, muted } from '../components.js'
import { translator } from '../i18n/index.js'
import type { Component } from '../schema.js'

/** What any canvas shows when the app failed: a short reference an admin can find in the log. */
export function errorScreen(state: {
  locale: string | null | undefined
  reference: string
}): Component[] {
  const t = translator(state.locale)
  return [errorText(t('error.generic', { reference: state.reference })), muted(t('error.retry'))]
}

/** A plain message screen (e.g. a contact the app cannot identify). */
export function noticeScreen(state: {
  locale: string | null | undefined
  message: Parameters<ReturnType<typeof translator>>[0]
}): Component[] {
  return [muted(translator(state.locale)(state.message))]
}
