import {
  button,
  dataTable,
  errorText,
  header,
  input,
  muted,
  submit,
  text,
  urlAction,
  sheetAction,
} from '../components.js'
import { type CardPart, MESSENGER } from '../component-ids.js'
import { type MessageKey, translator } from '../i18n/index.js'
import { type Component } from '../schema.js'
import { shareLinks } from './share-links.js'

export type InviteState =
  | {
      readonly kind: 'form'
      readonly email?: string
      readonly name?: string
      readonly error?: MessageKey
    }
  | { readonly kind: 'sent'; readonly email: string }

export interface MessengerCardState {
  readonly locale: string | null | undefined
  /** The campaign's own headline, or null for the catalog's. */
  readonly headline: string | null
  readonly parts: readonly CardPart[]
  readonly link: string
  readonly code: string
  readonly joined: number
  readonly converted: number
  /** Qualified referrals per reward (campaign.settings.card.rewardGoal). */
  readonly rewardGoal: number
  readonly rewardsEarned: number
  /** Where the richer share sheet opens; null hides its button. */
  readonly sheetUrl: string | null
  readonly invite: InviteState
  /** A one-line message above the card (e.g. thanks after the share sheet). */
  readonly notice?: MessageKey | null
}

/** The referral card of one contact in the Messenger (live canvas content and submit answers). */
export function messengerCard(state: MessengerCardState): Component[] {
  const t = translator(state.locale)
  const show = (part: CardPart) => state.parts.includes(part)
  const components: Component[] = [header(state.headline ?? t('card.headline'))]
  if (state.notice) components.push(muted(t(state.notice)))

  const rows: [string, string][] = []
  if (show('link')) rows.push([t('card.link'), state.link])
  if (show('counts')) {
    rows.push([t('card.joined'), String(state.joined)])
    rows.push([t('card.converted'), String(state.converted)])
  }
  if (show('rewards') && state.rewardsEarned > 0)
    rows.push([t('card.rewards'), String(state.rewardsEarned)])
  if (rows.length > 0) components.push(dataTable(rows))

  if (show('rewards')) {
    const goal = Math.max(1, state.rewardGoal)
    components.push(muted(t('card.progress', { done: state.converted % goal, goal })))
  }

  if (show('share')) {
    const links = shareLinks(state.link, t)
    components.push(
      text(`**${t('card.share')}**`),
      button(MESSENGER.shareEmail, t('share.email'), urlAction(links.email), {
        style: 'secondary',
      }),
      button(MESSENGER.shareX, t('share.x'), urlAction(links.x), { style: 'secondary' }),
      button(MESSENGER.shareLinkedIn, t('share.linkedin'), urlAction(links.linkedin), {
        style: 'secondary',
      }),
      button(MESSENGER.shareWhatsApp, t('share.whatsapp'), urlAction(links.whatsapp), {
        style: 'secondary',
      }),
    )
    if (state.sheetUrl)
      components.push(
        button(MESSENGER.openSheet, t('share.more'), sheetAction(state.sheetUrl), {
          style: 'link',
        }),
      )
  }

  if (show('invite')) components.push(...inviteForm(state.invite, t))
  return components
}

function inviteForm(invite: InviteState, t: ReturnType<typeof translator>): Component[] {
  if (invite.kind === 'sent') {
    return [
      input(MESSENGER.friendEmail, {
        label: t('invite.email'),
        value: invite.email,
        save_state: 'saved',
      }),
      text(t('invite.sent', { email: invite.email })),
      button(MESSENGER.inviteAnother, t('invite.another'), submit, { style: 'secondary' }),
    ]
  }
  const components: Component[] = [
    text(`**${t('invite.title')}**`),
    input(MESSENGER.friendEmail, {
      label: t('invite.email'),
      placeholder: t('invite.emailPlaceholder'),
      ...(invite.email ? { value: invite.email } : {}),
      ...(invite.error ? { save_state: 'failed' as const } : {}),
    }),
    input(MESSENGER.friendName, {
      label: t('invite.name'),
      ...(invite.name ? { value: invite.name } : {}),
    }),
  ]
  if (invite.error) components.push(errorText(t(invite.error)))
  components.push(button(MESSENGER.sendInvite, t('invite.send'), submit))
  return components
}
