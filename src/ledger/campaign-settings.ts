import { z } from 'zod'

/** The contact attributes of CONTRACT.md, by their default names. */
export const ATTRIBUTE_KEYS = [
  'referral_code',
  'referral_link',
  'referral_count',
  'referral_converted_count',
  'referral_last_at',
  'referred_by_code',
  'referral_status',
] as const
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number]

export const ATTRIBUTE_TYPES: Record<AttributeKey, 'string' | 'integer' | 'date'> = {
  referral_code: 'string',
  referral_link: 'string',
  referral_count: 'integer',
  referral_converted_count: 'integer',
  referral_last_at: 'date',
  referred_by_code: 'string',
  referral_status: 'string',
}

// Intercom attribute names: letters, digits, underscores, hyphens (see intercom-platform.md §5.3).
const attributeName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,190}$/, 'letters, digits, _ or - only')
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })

const attributeMapping = z
  .object(
    Object.fromEntries(
      ATTRIBUTE_KEYS.map((key) => [key, attributeName.nullable().default(key)]),
    ) as {
      [K in AttributeKey]: z.ZodDefault<z.ZodNullable<typeof attributeName>>
    },
  )
  .describe('Intercom attribute name per referral attribute; null switches one off')

const cardSettings = z.object({
  headline: z.string().trim().max(120).nullable().default(null),
  showLink: z.boolean().default(true),
  showCounts: z.boolean().default(true),
  showRewards: z.boolean().default(true),
  showShare: z.boolean().default(true),
  showInvite: z.boolean().default(true),
  /** Qualified referrals needed for the next reward, shown as progress on the card. */
  rewardGoal: z.number().int().min(1).max(1000).default(3),
  layout: z.enum(['compact', 'full']).default('compact').meta({
    title: 'Card size',
    description:
      'Compact keeps the card to a few lines and opens sharing and the invite form on a tap; full shows every share button and the invite form on the card itself.',
  }),
  showQr: z.boolean().default(false).meta({
    title: 'Show a QR code on the card',
    description:
      'Adds a scannable code of the referral link to the card. The share sheet always has one.',
  }),
})

const qualificationRule = z.object({
  /** `role` or another standard field, or `custom_attributes.<name>`. */
  attribute: z.string().trim().min(1).max(200).default('role'),
  values: z.array(z.string().trim().min(1).max(200)).min(1).max(50).default(['user']),
  /** Set on a friend the app creates in Intercom, so the change to a converted value is visible. */
  initialValue: z.string().trim().max(200).nullable().default(null),
})

const rewardRule = z.object({
  id: z.string().trim().min(1).max(64),
  recipient: z.enum(['referrer', 'friend', 'both']).default('referrer'),
  kind: z.enum(['fixed', 'points', 'coupon', 'commission']),
  amountMinor: z.number().int().min(0).nullable().default(null),
  currency: z.string().trim().length(3).toUpperCase().nullable().default(null),
  points: z.number().int().min(0).nullable().default(null),
  couponPool: z.string().trim().min(1).max(64).nullable().default(null),
  /** Commission: percent of the sale value read from `saleAttribute`. */
  percent: z.number().min(0).max(100).nullable().default(null),
  saleAttribute: z.string().trim().min(1).max(200).nullable().default(null),
  /** Milestone: issued once, at the Nth qualified referral; null = every qualified referral. */
  milestone: z.number().int().min(1).max(100000).nullable().default(null),
  description: z.string().trim().max(200).nullable().default(null),
})

const rewardSettings = z.object({
  rules: z.array(rewardRule).max(20).default([]),
  manualApproval: z.boolean().default(false),
  capPerReferrer: z.number().int().min(1).nullable().default(null),
  fulfilmentWebhookUrl: httpUrl.nullable().default(null),
})

const fraudSettings = z.object({
  blockDisposableDomains: z.boolean().default(true),
  blocklist: z.array(z.string().trim().toLowerCase().min(1).max(254)).max(10000).default([]),
  maxReferralsPerHour: z.number().int().min(1).max(100000).default(20),
})

const intercomActions = z.object({
  onReferrerJoin: z.enum(['none', 'lead', 'user']).default('none'),
  onFriendReferred: z.enum(['none', 'lead', 'user']).default('lead'),
  duplicatePolicy: z.enum(['skip', 'update']).default('update'),
  /** app field → Intercom attribute (standard field name or custom attribute name). */
  referrerFields: z.record(z.string(), attributeName).default({}),
  friendFields: z.record(z.string(), attributeName).default({}),
  defaults: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
})

const importSettings = z.object({
  source: z.enum(['leads', 'users', 'all', 'segment']).default('users'),
  segmentId: z.string().trim().min(1).nullable().default(null),
  mode: z.enum(['once', 'ongoing']).default('once'),
  enabled: z.boolean().default(false),
  intervalMinutes: z.number().int().min(5).max(10080).default(60),
  /** Intercom field → app field; email is always read. */
  fieldMap: z.record(z.string(), z.string()).default({ name: 'name', email: 'email' }),
})

export const campaignSettingsSchema = z.object({
  destinationUrl: httpUrl.nullable().default(null),
  fallbackUrl: httpUrl.nullable().default(null),
  codeParam: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .default('ref'),
  codeStyle: z.enum(['name', 'random']).default('name'),
  card: cardSettings.default(cardSettings.parse({})),
  attributes: attributeMapping.default(attributeMapping.parse({})),
  qualification: qualificationRule.default(qualificationRule.parse({})),
  rewards: rewardSettings.default(rewardSettings.parse({})),
  fraud: fraudSettings.default(fraudSettings.parse({})),
  intercom: intercomActions.default(intercomActions.parse({})),
  import: importSettings.default(importSettings.parse({})),
})

export type CampaignSettings = z.infer<typeof campaignSettingsSchema>
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>
export type RewardRule = z.infer<typeof rewardRule>

export function parseCampaignSettings(value: unknown): CampaignSettings {
  return campaignSettingsSchema.parse(value ?? {})
}
