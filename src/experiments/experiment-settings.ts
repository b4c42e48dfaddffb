import { z } from 'zod'
import {
  type CampaignSettings,
  campaignSettingsSchema,
  type RewardRule,
} from '../ledger/campaign-settings.js'

const money = z.object({
  amountMinor: z.number().int().positive('Enter an amount above zero.'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, e.g. USD.')
    .transform((c) => c.toUpperCase()),
})

/** The languages a share message is written in: the card's catalogs (the campaign's own list). */
export const SHARE_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt'] as const
export type ShareLanguage = (typeof SHARE_LANGUAGES)[number]

const oneShareMessage = z
  .string()
  .trim()
  .max(280, 'Keep the message to 280 characters or fewer.')
  .nullable()
  .default(null)

/** A variant's share message per language; null in a language: the campaign's own there. */
const variantShareMessage = z.object({
  en: oneShareMessage,
  es: oneShareMessage,
  fr: oneShareMessage,
  de: oneShareMessage,
  pt: oneShareMessage,
})

/**
 * One arm of an experiment: its card text (headline, share message per language) and/or its offer;
 * null (or a language left empty): the campaign's own.
 */
export const experimentVariant = z.object({
  key: z.string().regex(/^[A-Z]$/),
  name: z.string().trim().min(1, 'Name the variant.').max(60),
  headline: z
    .string()
    .trim()
    .max(80, 'Keep the headline to 80 characters or fewer.')
    .nullable()
    .default(null),
  // Variants saved before share messages existed have none: the campaign's own.
  shareMessage: variantShareMessage.default(variantShareMessage.parse({})),
  referrerReward: money.nullable().default(null),
  friendReward: money.nullable().default(null),
})
export type ExperimentVariant = z.infer<typeof experimentVariant>

export const experimentInput = z
  .object({
    name: z.string().trim().min(1, 'Give the experiment a name.').max(120),
    campaignId: z.string().uuid('Pick a campaign.'),
    variants: z.array(experimentVariant).min(2, 'An experiment needs two variants.').max(4),
  })
  .superRefine((input, ctx) => {
    input.variants.forEach((variant, i) => {
      if (i > 0 && !changesCopy(variant) && !variant.referrerReward && !variant.friendReward)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'headline'],
          message:
            'Give this variant a headline, a share message or an offer that differs from the campaign.',
        })
    })
  })
export type ExperimentInput = z.infer<typeof experimentInput>

export const experimentVariants = z.array(experimentVariant)

/** The share messages a variant sets, by language (the languages it leaves to the campaign left out). */
export function variantShareMessages(
  variant: ExperimentVariant,
): Partial<Record<ShareLanguage, string>> {
  const set: Partial<Record<ShareLanguage, string>> = {}
  for (const language of SHARE_LANGUAGES) {
    const message = variant.shareMessage[language]
    if (message) set[language] = message
  }
  return set
}

function changesCopy(variant: ExperimentVariant): boolean {
  return Boolean(variant.headline) || Object.keys(variantShareMessages(variant)).length > 0
}

/**
 * A campaign's settings as a referrer in this variant sees and earns them: the variant's headline,
 * its share message in each language it sets, and its offer; the campaign's own for everything the
 * variant leaves alone. The card, the share sheet, the share text and the promotion of a winner all
 * read it, so what a referrer is shown is what the variant says.
 */
export function variantSettings(
  settings: CampaignSettings,
  variant: ExperimentVariant,
): CampaignSettings {
  const rules = variantRewardRules(variant)
  return {
    ...settings,
    card: {
      ...settings.card,
      headline: variant.headline ?? settings.card.headline,
      shareMessage: { ...settings.card.shareMessage, ...variantShareMessages(variant) },
    },
    rewards: rules ? { ...settings.rewards, rules } : settings.rewards,
  }
}

/** Whether a variant changes anything of the campaign (the control usually does not). */
export function variantChangesCampaign(variant: ExperimentVariant): boolean {
  return changesCopy(variant) || variantRewardRules(variant) !== null
}

/** A variant's offer as the campaign's reward rules (fixed amounts), or null to keep the campaign's. */
export function variantRewardRules(variant: ExperimentVariant): RewardRule[] | null {
  if (!variant.referrerReward && !variant.friendReward) return null
  const rules: unknown[] = []
  if (variant.referrerReward)
    rules.push({
      id: `variant-${variant.key}-referrer`,
      recipient: 'referrer',
      kind: 'fixed',
      ...variant.referrerReward,
    })
  if (variant.friendReward)
    rules.push({
      id: `variant-${variant.key}-friend`,
      recipient: 'friend',
      kind: 'fixed',
      ...variant.friendReward,
    })
  return campaignSettingsSchema.parse({ rewards: { rules } }).rewards.rules
}
