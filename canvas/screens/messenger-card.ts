import {
  button,
  dataTable,
  errorText,
  header,
  image,
  input,
  muted,
  submit,
  text,
  urlAction,
  sheetAction,
} from '../components.js'
import { type CardPart, MESSENGER } from '../component-ids.js'
import { type MessageKey, type Translate, translator } from '../i18n/index.js'
import {
  nextReward,
  nextRewardLine,
  offerLine,
  offerOf,
  type OfferRules,
  shareMessage,
} from '../offer.js'
import type { Component } from '../schema.js'
import { payoutLine, type PayoutLineState } from './payout-line.js'
import { shareLinks } from './share-links.js'
import { escapeMarkdown } from '../markdown.js'
import { type CardContest, contestCardComponents } from './contest-rank.js'

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
  /** The campaign's reward rules: the offer on the card and the progress to the next reward. */
  readonly offer: OfferRules
  readonly rewardsEarned: number
  /** The campaign's share message in the contact's language, or null for the standard one. */
  readonly shareMessage?: string | null
  /** Where the richer share sheet opens; null hides its button. */
  readonly sheetUrl: string | null
  readonly invite: InviteState
  /** A one-line message above the card (e.g. thanks after the share sheet). */
  readonly notice?: MessageKey | null
  /** compact (default): a few lines, the rest one tap away; full: everything on the card. */
  readonly layout?: 'compact' | 'full'
  /** The PNG of the link's QR code (the `qr` part). */
  readonly qrUrl?: string | null
  /** A contest running on the campaign: the viewer's rank and the way to the top 10. */
  readonly contest?: CardContest | null
  /** The last gift card or cash sent to this referrer, said on the card. */
  readonly latestPayout?: PayoutLineState | null
  /** A PayPal cash reward: the sheet where they confirm (or change) their PayPal address. */
  readonly payoutAddress?: { readonly email: string | null; readonly sheetUrl: string } | null
}

function payoutNotice(state: MessengerCardState, t: ReturnType<typeof translator>): Component[] {
  if (!state.latestPayout) return payoutAddressButton(state, t)
  let locale = 'en'
  try {
    locale = Intl.getCanonicalLocales(state.locale ?? 'en')[0] ?? 'en'
  } catch {
    locale = 'en'
  }
  return [muted(payoutLine(state.latestPayout, t, locale)), ...payoutAddressButton(state, t)]
}

function payoutAddressButton(
  state: MessengerCardState,
  t: ReturnType<typeof translator>,
): Component[] {
  const address = state.payoutAddress
  if (!address) return []
  return [
    button(
      MESSENGER.openPayoutAddress,
      t(address.email ? 'payout.addressChange' : 'payout.addressAction'),
      sheetAction(address.sheetUrl),
      { style: address.email ? 'link' : 'secondary' },
    ),
  ]
}

/** Side of the QR image on the card, in px: scannable from a phone held up to another. */
export const CARD_QR_SIZE = 112

/** The referral card of one contact in the Messenger (live canvas content and submit answers). */
export function messengerCard(state: MessengerCardState): Component[] {
  return state.layout === 'full' ? fullCard(state) : compactCard(state)
}

/**
 * The default card: headline, the link with one Share action (the sheet: channels, copy, QR), one
 * line of progress, and "Invite a friend" (the form on a second canvas). Every part the admin
 * switched on stays within 320 px in every locale, so the card never crowds Messenger Home.
 */
function compactCard(state: MessengerCardState): Component[] {
  const t = translator(state.locale)
  const show = (part: CardPart) => state.parts.includes(part)
  const components: Component[] = [header(state.headline ?? t('card.headline'))]
  // A notice (thanks after sharing) takes the offer's line for that one view: the card stays short.
  const offer = offerLine(offerOf(state.offer, t, state.locale), t)
  if (state.notice) components.push(muted(t(state.notice)))
  else if (offer) components.push(text(offer))
  components.push(...contestCardComponents(state.contest, t))
  if (show('link')) components.push(dataTable([[t('card.link'), state.link]]))
  if (show('share'))
    components.push(
      state.sheetUrl
        ? button(MESSENGER.openSheet, t('card.shareAction'), sheetAction(state.sheetUrl))
        : button(MESSENGER.openLink, t('card.shareAction'), urlAction(state.link)),
    )
  const progress = progressLine(state, t)
  if (progress) components.push(muted(progress))
  components.push(...payoutNotice(state, t))
  if (show('invite'))
    components.push(
      button(MESSENGER.openInvite, t('card.inviteAction'), submit, { style: 'secondary' }),
    )
  if (show('qr') && state.qrUrl && !state.contest)
    components.push(image(state.qrUrl, CARD_QR_SIZE, { align: 'center' }))
  return components
}

/** "3 joined · 1 converted · 1 more friend to $20", from the parts that are switched on. */
function progressLine(state: MessengerCardState, t: Translate): string {
  const segments: string[] = []
  if (state.parts.includes('counts'))
    segments.push(
      t('card.joinedShort', { count: state.joined }),
      t('card.convertedShort', { count: state.converted }),
    )
  const next = state.parts.includes('rewards') ? rewardProgress(state, t) : null
  if (next) segments.push(next)
  return segments.join(' · ')
}

/** The next reward the rules hold for this referrer and how far it is; null when none is left. */
function rewardProgress(state: MessengerCardState, t: Translate): string | null {
  const next = nextReward(
    state.offer,
    { converted: state.converted, rewardsEarned: state.rewardsEarned },
    t,
    state.locale,
  )
  return next ? nextRewardLine(next, t) : null
}

/** The text a share intent carries: the campaign's message or the standard one with the offer. */
export function shareTextOf(state: MessengerCardState): string {
  const t = translator(state.locale)
  return shareMessage({
    custom: state.shareMessage,
    link: state.link,
    offer: offerOf(state.offer, t, state.locale),
    t,
  })
}

/** The invite form, one tap from the compact card; Back returns to the card. */
export function messengerInvite(state: {
  locale: string | null | undefined
  invite: InviteState
}): Component[] {
  const t = translator(state.locale)
  const components = [header(t('card.inviteAction')), ...inviteForm(state.invite, t)]
  components.push(button(MESSENGER.backToCard, t('card.back'), submit, { style: 'link' }))
  return components
}

/** Every part on the card itself: share buttons per channel and the invite form inline. */
function fullCard(state: MessengerCardState): Component[] {
  const t = translator(state.locale)
  const show = (part: CardPart) => state.parts.includes(part)
  const components: Component[] = [header(state.headline ?? t('card.headline'))]
  if (state.notice) components.push(muted(t(state.notice)))
  const offer = offerLine(offerOf(state.offer, t, state.locale), t)
  if (offer) components.push(text(offer))
  components.push(...contestCardComponents(state.contest, t))

  const rows: [string, string][] = []
  if (show('link')) rows.push([t('card.link'), state.link])
  if (show('counts')) {
    rows.push([t('card.joined'), String(state.joined)])
    rows.push([t('card.converted'), String(state.converted)])
  }
  if (show('rewards') && state.rewardsEarned > 0)
    rows.push([t('card.rewards'), String(state.rewardsEarned)])
  if (rows.length > 0) components.push(dataTable(rows))
  components.push(...payoutNotice(state, t))

  const next = show('rewards') ? rewardProgress(state, t) : null
  if (next) components.push(muted(next))

  if (show('share')) {
    const links = shareLinks(state.link, shareTextOf(state), t)
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
  if (show('qr') && state.qrUrl)
    components.push(image(state.qrUrl, CARD_QR_SIZE, { align: 'center' }))
  return components
}

function inviteForm(invite: InviteState, t: Translate): Component[] {
  if (invite.kind === 'sent') {
    return [
      input(MESSENGER.friendEmail, {
        label: t('invite.email'),
        value: invite.email,
        save_state: 'saved',
      }),
      text(t('invite.sent', { email: escapeMarkdown(invite.email) })),
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
