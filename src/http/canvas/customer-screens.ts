import type { CardPart } from '../../../canvas/component-ids.js'
import { languageOf, translator } from '../../../canvas/i18n/index.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import { offerLine, offerOf, type OfferRules } from '../../../canvas/offer.js'
import type { InviteState, MessengerCardState } from '../../../canvas/screens/messenger-card.js'
import { shareTextOf } from '../../../canvas/screens/messenger-card.js'
import type { LandingPageState } from '../../../canvas/sheets/landing-page.js'
import type { SharePageState } from '../../../canvas/sheets/share-page.js'
import type { CampaignSettings } from '../../ledger/campaign-settings.js'

// The one place the state of every screen a customer sees is put together from a campaign's
// settings and a referrer's facts. The live routes and the dashboard's preview both call these,
// so the preview cannot drift from what customers get (test/http/customer-preview.test.ts).

/** A referrer's referral link: PUBLIC_URL + app-manifest's referral_link_prefix + code. */
export function referralLink(publicUrl: string, code: string): string {
  return `${publicUrl}/r/${encodeURIComponent(code)}`
}

/** The stable URL of a code's QR image (svg or png), served by routes/qr-code.ts. */
export function qrCodeUrl(publicUrl: string, code: string, format: 'png' | 'svg'): string {
  return `${referralLink(publicUrl, code)}/qr.${format}`
}

/** What the screens need to know about the referrer whose card it is. */
export interface ReferrerFacts {
  readonly code: string
  readonly joined: number
  readonly converted: number
  readonly rewardsEarned: number
}

/** The reward rules as the offer reads them (coupon discounts included). */
function offerRules(settings: CampaignSettings): OfferRules {
  return { rules: settings.rewards.rules, capPerReferrer: settings.rewards.capPerReferrer }
}

/** The campaign's share message in this language, or null for the catalog's standard one. */
function customShareMessage(
  settings: CampaignSettings,
  locale: string | null | undefined,
): string | null {
  const language = languageOf(locale) as keyof CampaignSettings['card']['shareMessage']
  return settings.card.shareMessage[language] ?? null
}

export function cardStateOf(input: {
  settings: CampaignSettings
  parts: CardPart[]
  referrer: ReferrerFacts
  publicUrl: string
  locale: string | null | undefined
  invite: InviteState
  notice?: MessageKey | null
}): MessengerCardState {
  const { settings, referrer, publicUrl } = input
  return {
    locale: input.locale,
    headline: settings.card.headline,
    parts: input.parts,
    link: referralLink(publicUrl, referrer.code),
    code: referrer.code,
    joined: referrer.joined,
    converted: referrer.converted,
    offer: offerRules(settings),
    rewardsEarned: referrer.rewardsEarned,
    shareMessage: customShareMessage(settings, input.locale),
    sheetUrl: `${publicUrl}/canvas/messenger/sheet`,
    invite: input.invite,
    notice: input.notice ?? null,
    layout: settings.card.layout,
    qrUrl: qrCodeUrl(publicUrl, referrer.code, 'png'),
  }
}

export function sharePageStateOf(input: {
  settings: CampaignSettings
  code: string
  publicUrl: string
  locale: string | null | undefined
  nonce: string | null
  sheetLibraryUrl: string
  accentColour: string | null
}): SharePageState {
  const { settings, publicUrl, code, locale } = input
  const t = translator(locale)
  const link = referralLink(publicUrl, code)
  const card = cardStateOf({
    settings,
    parts: [],
    referrer: { code, joined: 0, converted: 0, rewardsEarned: 0 },
    publicUrl,
    locale,
    invite: { kind: 'form' },
  })
  return {
    locale,
    link,
    code,
    nonce: input.nonce,
    sheetLibraryUrl: input.sheetLibraryUrl,
    accentColour: input.accentColour,
    qrUrl: qrCodeUrl(publicUrl, code, 'svg'),
    offer: offerLine(offerOf(offerRules(settings), t, locale), t),
    message: shareTextOf(card),
  }
}

export function landingPageStateOf(input: {
  settings: CampaignSettings
  workspaceName: string | null
  referrerFirstName: string | null
  code: string
  locale: string | null | undefined
}): LandingPageState {
  const { settings, locale } = input
  const t = translator(locale)
  const { landing } = settings
  return {
    locale,
    referrerFirstName: input.referrerFirstName?.trim() || null,
    code: input.code,
    friendReward: offerOf(offerRules(settings), t, locale).friend,
    brand: {
      name: landing.brandName ?? input.workspaceName,
      colour: landing.colour,
      logoUrl: landing.logoUrl,
    },
    signUpUrl: landing.signUpUrl
      ? withCode(landing.signUpUrl, settings.codeParam, input.code)
      : null,
  }
}

function withCode(url: string, param: string, code: string): string {
  const target = new URL(url)
  target.searchParams.set(param, code)
  return target.toString()
}
