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

// Invitation limits (issue 17): the invite form emails people who never agreed to anything.
const inviteLimits = z
  .object({
    perReferrerPerDay: z.number().int().min(1).max(10_000).default(10).meta({
      title: 'Invitations per customer per day',
      description:
        'How many friends one customer can invite from the Messenger card in 24 hours. Default 10.',
    }),
    perWorkspacePerHour: z.number().int().min(1).max(1_000_000).default(500).meta({
      title: 'Invitations per hour, all customers together',
      description:
        'A ceiling on invitations from the whole workspace in one hour, against abuse. Default 500.',
    }),
    reinviteAfterDays: z.number().int().min(0).max(365).default(30).meta({
      title: 'Days before a friend can be invited again',
      description:
        'A friend invited by anyone is not invited again for this many days; 0 allows it at once. Default 30.',
    }),
  })
  .meta({
    title: 'Invitation limits',
    description:
      "Protects friends' inboxes and your sending reputation from misuse of the invite form.",
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

// Stripe billing: how a referred friend's payments qualify the referral and earn commissions.
const billingSettings = z.object({
  qualifyOnFirstPayment: z.boolean().default(true).meta({
    title: 'A first payment qualifies the referral',
    description:
      "Once Stripe is connected, the friend's first paid invoice counts as a conversion. Off: only the Intercom rule qualifies.",
  }),
  minimumAmountMinor: z.number().int().min(0).nullable().default(null).meta({
    title: 'Minimum first payment (in cents)',
    description:
      'A first invoice smaller than this, after tax and discounts, does not qualify. Empty: any amount.',
  }),
  minimumCurrency: z.string().trim().length(3).toUpperCase().nullable().default(null).meta({
    title: 'Currency of the minimum payment',
    description: 'Three letters, such as USD. Invoices in another currency do not qualify.',
  }),
  excludeTrials: z.boolean().default(true).meta({
    title: 'Free trials do not count',
    description: 'A $0 invoice (a trial starting) neither qualifies nor earns. Off: it qualifies.',
  }),
  commissionPercent: z.number().min(0).max(100).nullable().default(null).meta({
    title: 'Commission on payments (%)',
    description:
      "The referrer earns this share of each of the friend's paid invoices, after tax and discounts. Empty: no commission.",
  }),
  commissionDuration: z.enum(['first_invoice', 'months', 'forever']).default('months').meta({
    title: 'Pay commission on',
    description:
      'The first invoice only, invoices in the first months after the first payment, or every invoice.',
  }),
  commissionMonths: z.number().int().min(1).max(120).default(12).meta({
    title: 'Months of commission',
    description:
      'With "first months": invoices paid this many months after the first payment earn.',
  }),
  holdDays: z.number().int().min(0).max(90).default(14).meta({
    title: 'Hold period (days)',
    description:
      'A reward earned from a payment waits this long before approval, so a refund can still cancel it.',
  }),
  creditRewardsAs: z.enum(['none', 'balance', 'promotion_code']).default('none').meta({
    title: 'Pay money rewards as Stripe credit',
    description:
      "Balance: credit on the recipient's Stripe customer. Promotion code: a one-off code. None: as today.",
  }),
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
  billing: billingSettings.default(billingSettings.parse({})).meta({
    title: 'Payments (Stripe)',
    description: 'How payments in your Stripe account qualify referrals and earn commissions.',
  }),
  invites: inviteLimits.default(inviteLimits.parse({})),
})

export type CampaignSettings = z.infer<typeof campaignSettingsSchema>
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>
export type RewardRule = z.infer<typeof rewardRule>
export type BillingSettings = z.infer<typeof billingSettings>

export function parseCampaignSettings(value: unknown): CampaignSettings {
  return campaignSettingsSchema.parse(value ?? {})
}
