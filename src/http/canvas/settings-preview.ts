import { type InboxPanelState, inboxPanel } from '../../../canvas/screens/inbox-panel.js'
import { messengerCard } from '../../../canvas/screens/messenger-card.js'
import type { Component } from '../../../canvas/schema.js'
import type { CampaignSettings } from '../../ledger/campaign-settings.js'
import { commissionMinor } from '../../rewards/reward-amounts.js'
import { planRewards } from '../../rewards/reward-plan.js'
import { partsOf } from './card-options.js'
import { referralLink } from './messenger-card-state.js'

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
  readonly messenger: Component[]
  readonly inbox: Component[]
}

/**
 * The Messenger card and the Inbox panel the sample contact would get from these (possibly
 * unsaved) settings: the real screen functions, with rewards worked out by the real reward plan.
 */
export function settingsPreview(
  settings: CampaignSettings,
  input: { publicUrl: string; locale: string },
): SettingsPreview {
  const sample = PREVIEW_CONTACT
  const link = referralLink(input.publicUrl, sample.code)
  const rewards = sampleRewards(settings.rewards)
  const campaign = { settings } as Parameters<typeof partsOf>[0]
  const messenger = messengerCard({
    locale: input.locale,
    headline: settings.card.headline,
    parts: partsOf(campaign, { campaignId: null, parts: null }),
    link,
    code: sample.code,
    joined: sample.joined,
    converted: sample.converted,
    rewardGoal: settings.card.rewardGoal,
    rewardsEarned: rewards.count,
    sheetUrl: `${input.publicUrl}/canvas/messenger/sheet`,
    invite: { kind: 'form' },
  })
  const inbox = inboxPanel({
    locale: input.locale,
    name: sample.name,
    link,
    code: sample.code,
    joined: sample.joined,
    converted: sample.converted,
    pending: sample.joined - sample.converted,
    rewards,
    referredBy: null,
    notice: null,
  })
  return { messenger, inbox }
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
