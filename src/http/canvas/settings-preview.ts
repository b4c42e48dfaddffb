import { type InboxPanelState, inboxPanel } from '../../../canvas/screens/inbox-panel.js'
import {
  messengerCard,
  messengerInvite,
  shareTextOf,
} from '../../../canvas/screens/messenger-card.js'
import { landingPage } from '../../../canvas/sheets/landing-page.js'
import { sharePage } from '../../../canvas/sheets/share-page.js'
import type { Component } from '../../../canvas/schema.js'
import type { CampaignSettings } from '../../ledger/campaign-settings.js'
import { commissionMinor } from '../../rewards/reward-amounts.js'
import { planRewards } from '../../rewards/reward-plan.js'
import { partsOf } from './card-options.js'
import {
  cardStateOf,
  landingPageStateOf,
  referralLink,
  type ReferrerFacts,
  sharePageStateOf,
} from './customer-screens.js'
import { SHEET_LIBRARY_URL } from './share-sheet.js'

/** The sample contact a preview shows: four friends joined, two of them qualified. */
export const PREVIEW_CONTACT = {
  name: 'Ada Lovelace',
  code: 'ada-k7p2',
  joined: 4,
  converted: 2,
  /** What a friend "spent", for commission rules (major units of the rule's currency). */
  saleMinor: 12_000,
} as const

export interface SettingsPreview {
  /** The Messenger card, exactly as the live canvas answers it (compact or full, QR, offer). */
  readonly messenger: Component[]
  /** The invite form's own canvas (the compact card opens it; the full card has it inline). */
  readonly invite: Component[]
  readonly inbox: Component[]
  /** The share sheet's page, as the Messenger opens it (without the nonce a live response sets). */
  readonly sheet: string
  /** The friend's landing page, as /r/<code>/welcome serves it. */
  readonly landing: string
  /** The text the share buttons carry. */
  readonly shareText: string
}

/** Whose screens a preview shows: the sample contact unless a test names a real referrer. */
interface PreviewSubject extends ReferrerFacts {
  readonly firstName: string | null
}

/**
 * Every screen the sample contact and their friend would get from these (possibly unsaved)
 * settings: the same state builders and screen functions as the live routes, with rewards worked
 * out by the real reward plan.
 */
export function settingsPreview(
  settings: CampaignSettings,
  input: {
    publicUrl: string
    locale: string
    workspaceName?: string | null
    /** The Messenger's action colour, which the share sheet takes on (Intercom sends it live). */
    messengerColour?: string | null
    subject?: PreviewSubject
  },
): SettingsPreview {
  const sample = PREVIEW_CONTACT
  const rewards = sampleRewards(settings.rewards)
  const subject: PreviewSubject = input.subject ?? {
    code: sample.code,
    joined: sample.joined,
    converted: sample.converted,
    rewardsEarned: rewards.count,
    firstName: sample.name.split(' ')[0] ?? null,
  }
  const link = referralLink(input.publicUrl, subject.code)
  const campaign = { settings } as Parameters<typeof partsOf>[0]
  const card = cardStateOf({
    settings,
    parts: partsOf(campaign, { campaignId: null, parts: null }),
    referrer: subject,
    publicUrl: input.publicUrl,
    locale: input.locale,
    invite: { kind: 'form' },
  })
  const inbox = inboxPanel({
    locale: input.locale,
    name: sample.name,
    link,
    code: subject.code,
    joined: subject.joined,
    converted: subject.converted,
    pending: subject.joined - subject.converted,
    rewards,
    referredBy: null,
    notice: null,
  })
  const sheet = sharePage(
    sharePageStateOf({
      settings,
      code: subject.code,
      publicUrl: input.publicUrl,
      locale: input.locale,
      nonce: null,
      sheetLibraryUrl: SHEET_LIBRARY_URL,
      accentColour: input.messengerColour ?? null,
    }),
  )
  const landing = landingPage(
    landingPageStateOf({
      settings,
      workspaceName: input.workspaceName ?? null,
      referrerFirstName: subject.firstName,
      code: subject.code,
      locale: input.locale,
    }),
  )
  return {
    messenger: messengerCard(card),
    invite: messengerInvite({ locale: input.locale, invite: { kind: 'form' } }),
    inbox,
    sheet,
    landing,
    shareText: shareTextOf(card),
  }
}

/** The referrer's rewards after the sample's qualified referrals, under these rules and caps. */
function sampleRewards(settings: CampaignSettings['rewards']): InboxPanelState['rewards'] {
  const money = new Map<string, number>()
  let points = 0
  let count = 0
  const perRule = new Map<string, number>()
  for (let n = 1; n <= PREVIEW_CONTACT.converted; n++) {
    const planned = planRewards(settings.rules, {
      referralId: `sample-${n}`,
      referrerId: 'sample',
      referrerParticipantId: 'referrer',
      friendParticipantId: `friend-${n}`,
      convertedCount: n,
    }).filter((plan) => plan.role === 'referrer')
    for (const { rule } of planned) {
      // A milestone pays once: only at the conversion that reaches it.
      if (rule.milestone !== null && rule.milestone !== n) continue
      const held = perRule.get(rule.id) ?? 0
      if (rule.cap !== null && held >= rule.cap) continue
      if (settings.capPerReferrer !== null && count >= settings.capPerReferrer) continue
      perRule.set(rule.id, held + 1)
      count += 1
      if (rule.kind === 'points' && rule.points !== null) points += rule.points
      if (rule.kind === 'fixed' && rule.amountMinor !== null && rule.currency)
        money.set(rule.currency, (money.get(rule.currency) ?? 0) + rule.amountMinor)
      if (rule.kind === 'commission' && rule.percent !== null && rule.currency)
        money.set(
          rule.currency,
          (money.get(rule.currency) ?? 0) +
            commissionMinor(PREVIEW_CONTACT.saleMinor, rule.percent),
        )
    }
  }
  return {
    count,
    points,
    money: [...money].map(([currency, amountMinor]) => ({ currency, amountMinor })),
  }
}
