import { z } from 'zod'
import { campaignSettingsSchema, type RewardRule } from '../ledger/campaign-settings.js'

const money = z.object({
  amountMinor: z.number().int().positive('Enter an amount above zero.'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, e.g. USD.')
    .transform((c) => c.toUpperCase()),
})

/** One arm of an experiment: its card headline and/or its offer (null: the campaign's own). */
export const experimentVariant = z.object({
  key: z.string().regex(/^[A-Z]$/),
  name: z.string().trim().min(1, 'Name the variant.').max(60),
  headline: z.string().trim().max(80).nullable().default(null),
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
      if (!variant.headline && !variant.referrerReward && !variant.friendReward && i > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'headline'],
          message: 'Give this variant a headline or an offer that differs from the campaign.',
        })
    })
  })
export type ExperimentInput = z.infer<typeof experimentInput>

export const experimentVariants = z.array(experimentVariant)

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
