import { canvas } from '../../../canvas/components.js'
import { INBOX } from '../../../canvas/component-ids.js'
import { inboxErased, inboxEraseConfirm } from '../../../canvas/screens/inbox-erase.js'
import type { StaticCanvas } from '../../../canvas/schema.js'
import type { AppContext } from '../../context.js'
import { ErasedPersonError } from '../../ledger/errors.js'
import { erasePerson } from '../../ledger/privacy/erase-person.js'
import type { InboxSubject } from './inbox-state.js'
import { displayName } from './people.js'

/**
 * The Inbox's erasure flow: the panel's link opens a confirm screen, and only its button erases
 * (the agent is the actor on the `participant.erased` event). Null for any other component.
 */
export async function inboxPrivacyAction(
  ctx: AppContext,
  subject: InboxSubject,
  componentId: string,
): Promise<StaticCanvas | null> {
  if (componentId === INBOX.erasePerson) {
    const name = displayName(subject.participant, subject.participant.contactId ?? '—')
    return canvas(inboxEraseConfirm({ locale: subject.locale, name }), { screen: 'erase' })
  }
  if (componentId === INBOX.confirmErase) {
    await erasePerson(ctx.db, {
      workspaceId: subject.workspaceId,
      target: { participantId: subject.participant.id },
      actor: subject.actor,
      reason: 'Erased by an agent from the Inbox',
    })
    return erasedCanvas(subject.locale)
  }
  return null
}

export function erasedCanvas(locale: string | null | undefined): StaticCanvas {
  return canvas(inboxErased({ locale }), { screen: 'erased' })
}

/** The panel's subject, or the erased notice for someone the program was asked to forget. */
export async function unlessErased<T>(
  locale: string | null | undefined,
  load: () => Promise<T>,
): Promise<T | { erased: StaticCanvas }> {
  try {
    return await load()
  } catch (error) {
    if (error instanceof ErasedPersonError) return { erased: erasedCanvas(locale) }
    throw error
  }
}
