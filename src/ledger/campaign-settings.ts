import { z } from 'zod'
import { currencyCodeSchema } from '../money/currencies.js'

/** The contact attributes other systems rely on, by their default names (docs/contracts.md). */
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

/**
 * What every setting shows in the dashboard: a label a marketer understands and one line on what
 * it does and what the default means. Every setting carries it (test/unit/campaign-settings-meta).
 */
export type SettingMeta = { title: string; description: string }

const ATTRIBUTE_META: Record<AttributeKey, SettingMeta> = {
  referral_code: {
    title: 'Referral code',
    description: "The referrer's own code. Empty stops writing it.",
  },
  referral_link: {
    title: 'Referral link',
    description: "The referrer's link to share. Empty stops writing it.",
  },
  referral_count: {
    title: 'Friends referred',
    description: 'How many friends signed up. Empty stops writing it.',
  },
  referral_converted_count: {
    title: 'Friends who qualified',
    description:
      'How many of those friends qualified. Empty stops writing it.',
  },
  referral_last_at: {
    title: 'Last referral',
    description: 'When the referrer last brought a friend.',
  },
  referred_by_code: {
    title: 'Referred with code',
    description: 'On the friend: the code they signed up with.',
  },
  referral_status: {
    title: 'Friend’s referral status',
    description: 'On the friend: pending, qualified or rejected.',
  },
}

/** A whole number with messages a marketer can act on. */
function wholeNumber(min: number, max: number) {
  return z
    .number({ error: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(min, `Enter ${min} or more.`)
    .max(max, `Enter ${max.toLocaleString('en')} or less.`)
}

// Intercom attribute names: letters, digits, underscores, hyphens (https://developers.intercom.com/docs/references/rest-api/api.intercom.io/data-attributes).
const attributeName = z
  .string()
  .trim()
  .min(1, 'Choose an attribute.')
  .max(190, 'Keep attribute names to 190 characters or fewer.')
  .regex(/^[A-Za-z0-9_-]*$/, 'Use letters, digits, _ or - only (no spaces).')
const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'Enter a full web address starting with https://',
})
/** A contact field: a standard one (`role`, `email`) or `custom_attributes.<name>`. */
const contactField = z.string().trim().min(1, 'Choose an attribute.').max(200)

const attributeMapping = z
  .object(
    Object.fromEntries(
      ATTRIBUTE_KEYS.map((key) => [
        key,
        attributeName.nullable().default(key).meta(ATTRIBUTE_META[key]),
      ]),
    ) as {
      [K in AttributeKey]: z.ZodDefault<z.ZodNullable<typeof attributeName>>
    },
  )
  .describe('Intercom attribute name per referral attribute; null switches one off')

/** One language's share message; {link} is replaced by the referrer's link (appended when absent). */
function shareMessageIn(language: string) {
  return z
    .string()
    .trim()
    .max(280, 'Keep the message to 280 characters or fewer.')
    .nullable()
    .default(null)
    .meta({
      title: language,
      description: `The message in ${language}. Empty: the standard ${language} message.`,
    })
}

const shareMessages = z.object({
  en: shareMessageIn('English'),
  es: shareMessageIn('Spanish'),
  fr: shareMessageIn('French'),
  de: shareMessageIn('German'),
  pt: shareMessageIn('Portuguese'),
})

const cardSettings = z.object({
  headline: z
    .string()
    .trim()
    .max(120, 'Keep the headline to 120 characters or fewer.')
    .nullable()
    .default(null)
    .meta({
      title: 'Headline',
      description:
        'The title at the top of the card. Empty: the standard title, in the contact’s language.',
    }),
  showLink: z.boolean().default(true).meta({
    title: 'Show the referral link',
    description: 'The contact’s personal link, ready to copy. On by default.',
  }),
  showCounts: z.boolean().default(true).meta({
    title: 'Show friends joined and qualified',
    description: 'Two counters that show the referrer their progress. On by default.',
  }),
  showRewards: z.boolean().default(true).meta({
    title: 'Show rewards and progress',
    description: 'Rewards earned and how many referrals until the next one. On by default.',
  }),
  showShare: z.boolean().default(true).meta({
    title: 'Show share buttons',
    description: 'Email, X, LinkedIn and WhatsApp buttons with the link filled in. On by default.',
  }),
  showInvite: z.boolean().default(true).meta({
    title: 'Show the invite form',
    description: 'Lets the contact type a friend’s email to invite them. On by default.',
  }),
  /** No longer read: the card's progress follows the reward rules (canvas/offer.ts). */
  rewardGoal: wholeNumber(1, 1000).default(3).meta({
    title: 'Referrals per reward (no longer used)',
    description:
      'The card’s progress now follows your reward rules: the next reward and how many friends away it is. Kept so saved campaigns load.',
  }),
  layout: z.enum(['compact', 'full']).default('compact').meta({
    title: 'Card size',
    description:
      'Compact keeps the card to a few lines and opens sharing and the invite form on a tap; full shows every share button and the invite form on the card itself.',
  }),
  shareMessage: shareMessages.default(shareMessages.parse({})).meta({
    title: 'Share message',
    description:
      'What a shared link says, per language; {link} marks where the link goes. Empty: a standard message that names what the friend gets.',
  }),
  showQr: z.boolean().default(false).meta({
    title: 'Show a QR code on the card',
    description:
      'Adds a scannable code of the referral link to the card. The share sheet always has one.',
  }),
})

const qualificationRule = z.object({
  /** `role` or another standard field, or `custom_attributes.<name>`. */
  attribute: contactField.default('role').meta({
    title: 'Attribute that qualifies a friend',
    description:
      'The friend’s contact attribute to watch. Default: role (a lead becoming a user qualifies).',
  }),
  values: z
    .array(z.string().trim().min(1, 'A value cannot be empty.').max(200))
    .min(1, 'Give at least one value that qualifies.')
    .max(50, 'Give at most 50 values.')
    .default(['user'])
    .meta({
      title: 'Values that qualify',
      description: 'The friend qualifies when the attribute takes one of these. Default: user.',
    }),
  /** Set on a friend the app creates in Intercom, so the change to a converted value is visible. */
  initialValue: z.string().trim().max(200).nullable().default(null).meta({
    title: 'Starting value for new friends',
    description:
      'Written on a friend the app creates, so a later change is seen. Empty writes nothing.',
  }),
})

const REWARD_KINDS = ['fixed', 'points', 'coupon', 'commission', 'payout'] as const

const rewardRule = z.object({
  id: z.string().trim().min(1).max(64).meta({
    title: 'Rule id',
    description: 'Identifies the rule so a reward is never issued twice; set by the dashboard.',
  }),
  recipient: z.enum(['referrer', 'friend', 'both']).default('referrer').meta({
    title: 'Who gets it',
    description: 'The referrer, the friend they brought, or both. Default: the referrer.',
  }),
  kind: z.enum(REWARD_KINDS, { error: 'Choose what the reward is.' }).meta({
    title: 'What they get',
    description: 'A fixed amount, points, a coupon from a pool, or a commission on a sale.',
  }),
  amountMinor: z
    .number({ error: 'Enter an amount.' })
    .int('Enter an amount with no more decimals than its currency has.')
    .min(0, 'The amount cannot be negative.')
    .nullable()
    .default(null)
    .meta({
      title: 'Amount',
      description: 'For a fixed reward: how much, e.g. 10.00. Stored in the currency\'s minor unit (cents; yen as they are).',
    }),
  currency: currencyCodeSchema
    .nullable()
    .default(null)
    .meta({
      title: 'Currency',
      description: 'Three-letter code for a fixed or commission reward, e.g. USD or EUR.',
    }),
  points: z
    .number({ error: 'Enter a number of points.' })
    .int('Enter a whole number of points.')
    .min(0, 'Points cannot be negative.')
    .nullable()
    .default(null)
    .meta({ title: 'Points', description: 'For a points reward: how many points.' }),
  couponPool: z.string().trim().min(1).max(64).nullable().default(null).meta({
    title: 'Coupon pool',
    description: 'For a coupon reward: each reward takes the next unused code from this pool.',
  }),
  // Nullable: the dashboard sends null for a field its rule's kind hides; null means codes.
  couponSource: z
    .enum(['codes', 'stripe'])
    .nullable()
    .default('codes')
    .meta({
      title: 'Where the coupon codes come from',
      description:
        'Codes you paste or upload into a pool, or (with Stripe connected) a promotion code the app creates in Stripe for each reward.',
      options: { codes: 'Codes I paste or upload', stripe: 'Created in Stripe for each reward' },
    }),
  percentOff: z
    .number({ error: 'Enter a percentage.' })
    .min(1, 'Enter a discount from 1 to 100.')
    .max(100, 'Enter a discount from 1 to 100.')
    .nullable()
    .default(null)
    .meta({
      title: 'Discount (%)',
      description:
        'For a coupon: how much it takes off, e.g. 20 for 20% off. Named on the card and share text; with Stripe, the coupon the app creates.',
    }),
  /** Commission: percent of the sale value read from `saleAttribute`. */
  percent: z
    .number({ error: 'Enter a percentage.' })
    .min(0, 'Enter a percentage from 0 to 100.')
    .max(100, 'Enter a percentage from 0 to 100.')
    .nullable()
    .default(null)
    .meta({
      title: 'Commission %',
      description: 'For a commission: the share of the sale value, from 0 to 100.',
    }),
  saleAttribute: contactField.nullable().default(null).meta({
    title: 'Sale value attribute',
    description: 'For a commission: the friend’s attribute holding the sale amount.',
  }),
  /** Payout: a gift card or cash sent by a connected payout provider (docs/payouts.md). */
  payoutProvider: z
    .enum(['tremendous', 'tango_card', 'paypal'], { error: 'Choose who pays it out.' })
    .nullable()
    .default(null)
    .meta({
      title: 'Paid out by',
      description: 'For a gift card or cash: Tremendous, Tango Card or PayPal, once connected.',
    }),
  payoutProduct: z.string().trim().max(100).nullable().default(null).meta({
    title: 'Gift card',
    description:
      'Tremendous product id or Tango Card item (utid). Empty with Tremendous: the recipient chooses.',
  }),
  payoutProductName: z.string().trim().max(100).nullable().default(null).meta({
    title: 'Gift card name',
    description: 'How the card is named to the referrer, e.g. Amazon gift card.',
  }),
  payoutDelivery: z.enum(['email', 'link']).nullable().default('email').meta({
    title: 'Delivered',
    description: 'E-mailed by the provider, or as a link shown to the referrer.',
  }),
  /** Milestone: issued once, at the Nth qualified referral; null = every qualified referral. */
  milestone: wholeNumber(1, 100000).nullable().default(null).meta({
    title: 'At which qualified referral',
    description: 'Empty: every qualified referral. A number N: once, at the Nth (milestone).',
  }),
  /** At most this many rewards from this rule per referrer; void ones free their slot. */
  cap: wholeNumber(1, 100000).nullable().default(null).meta({
    title: 'At most per referrer',
    description: 'The most times this rule rewards one referrer. Empty: no limit.',
  }),
  description: z
    .string()
    .trim()
    .max(200, 'Keep the description to 200 characters or fewer.')
    .nullable()
    .default(null)
    .meta({
      title: 'Shown as',
      description: 'How the reward is named to people, e.g. “$10 credit”. Empty uses the kind.',
    }),
})

const rewardSettings = z.object({
  rules: z
    .array(rewardRule)
    .max(20, 'A campaign can have at most 20 reward rules.')
    .default([])
    .meta({
      title: 'Reward rules',
      description: 'What is given when a friend qualifies. No rules: referrals are only counted.',
    }),
  manualApproval: z.boolean().default(false).meta({
    title: 'Review rewards before they are given',
    description: 'Rewards wait in Reward review until someone approves them. Off by default.',
  }),
  capPerReferrer: wholeNumber(1, 1_000_000).nullable().default(null).meta({
    title: 'Most rewards per referrer',
    description: 'Across all rules, how many rewards one referrer can earn. Empty: no limit.',
  }),
  fulfilmentWebhookUrl: httpUrl.nullable().default(null).meta({
    title: 'Send approved rewards to (web address)',
    description: 'Your system receives each approved reward here, signed. Empty: nothing is sent.',
  }),
})

const fraudSettings = z.object({
  blockDisposableDomains: z.boolean().default(true).meta({
    title: 'Refuse throw-away email addresses',
    description: 'Friends with disposable addresses (mailinator and the like) are rejected. On.',
  }),
  blocklist: z.array(z.string().trim().toLowerCase().min(1).max(254)).max(10000).default([]).meta({
    title: 'Blocked emails and domains',
    description: 'One per line, e.g. rival.com or jane@example.com. Empty blocks nobody.',
  }),
  maxReferralsPerHour: wholeNumber(1, 100000).default(20).meta({
    title: 'Most referrals per referrer per hour',
    description: 'More than this in an hour go to review as suspicious. Default: 20.',
  }),
})

// Invitation limits: the invite form emails people who never agreed to anything.
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

const contactRole = z.enum(['none', 'lead', 'user'])

const intercomActions = z.object({
  onReferrerJoin: contactRole.default('none').meta({
    title: 'When a referrer joins without an Intercom contact',
    description: 'Create them in Intercom as a lead or a user. Default: create nothing.',
  }),
  onFriendReferred: contactRole.default('lead').meta({
    title: 'When a friend is invited',
    description: 'Create the friend in Intercom as a lead or a user. Default: as a lead.',
  }),
  duplicatePolicy: z.enum(['skip', 'update']).default('update').meta({
    title: 'When the contact already exists',
    description: 'Update the existing contact with the fields below, or leave it. Default: update.',
  }),
  /** app field → Intercom attribute (standard field name or custom attribute name). */
  referrerFields: z.record(z.string(), attributeName).default({}).meta({
    title: 'Extra fields written on referrers',
    description: 'Each row copies a referral fact into an Intercom attribute. Empty: none extra.',
  }),
  friendFields: z.record(z.string(), attributeName).default({}).meta({
    title: 'Extra fields written on friends',
    description: 'Each row copies a referral fact into an Intercom attribute. Empty: none extra.',
  }),
  defaults: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .default({})
    .meta({
      title: 'Fixed values on contacts the app creates',
      description: 'Each row sets an attribute to the same value on every new contact.',
    }),
})

const importSettings = z.object({
  source: z.enum(['leads', 'users', 'all', 'segment']).default('users').meta({
    title: 'Who to import',
    description: 'Which Intercom contacts become referrers. Default: users.',
  }),
  segmentId: z.string().trim().min(1).nullable().default(null).meta({
    title: 'Segment',
    description: 'When importing a segment: which one. Not used for the other choices.',
  }),
  mode: z.enum(['once', 'ongoing']).default('once').meta({
    title: 'How often',
    description: 'Import once, or keep importing new contacts on a schedule. Default: once.',
  }),
  enabled: z.boolean().default(false).meta({
    title: 'Import contacts from Intercom',
    description: 'Turns the import on. Off by default: referrers join from the Messenger card.',
  }),
  intervalMinutes: wholeNumber(5, 10080).default(60).meta({
    title: 'Minutes between imports',
    description: 'For ongoing imports: how long to wait between runs, 5 to 10,080. Default: 60.',
  }),
  /** Intercom field → app field; email is always read. */
  fieldMap: z.record(z.string(), z.string()).default({ name: 'name', email: 'email' }).meta({
    title: 'Fields to import',
    description:
      'Each row reads an Intercom attribute into a referrer field. Email is always read.',
  }),
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
  minimumCurrency: currencyCodeSchema.nullable().default(null).meta({
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
    options: {
      first_invoice: 'The first invoice only',
      months: 'Invoices in the first months',
      forever: 'Every invoice',
    },
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
    options: {
      none: 'No, as other rewards',
      balance: 'Credit on their Stripe balance',
      promotion_code: 'A one-off promotion code',
    },
  }),
})

// The friend's page when a referral link has no destination of its own.
const landingSettings = z.object({
  brandName: z
    .string()
    .trim()
    .max(80, 'Keep the name to 80 characters or fewer.')
    .nullable()
    .default(null)
    .meta({
      title: 'Your company name',
      description: 'Shown at the top of the page. Empty: the workspace’s name in Intercom.',
    }),
  colour: z
    .string()
    .trim()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'Use a colour such as #1f5fbf.')
    .nullable()
    .default(null)
    .meta({
      title: 'Brand colour',
      description:
        'The button colour, e.g. #1f5fbf. A colour too pale for readable text falls back to blue.',
    }),
  logoUrl: httpUrl.nullable().default(null).meta({
    title: 'Logo (web address of the image)',
    description: 'A PNG, SVG or JPEG on https, shown about 40 px tall. Empty: your name in text.',
  }),
  signUpUrl: httpUrl.nullable().default(null).meta({
    title: 'Sign-up button leads to',
    description:
      'Where “Sign up” takes the friend; the code is added to it. Empty: no button, the page asks them to mention the code.',
  }),
})

export const campaignSettingsSchema = z.object({
  destinationUrl: httpUrl.nullable().default(null).meta({
    title: 'Where a referral link leads',
    description:
      'Your sign-up or landing page; the code is added to it. Empty: the friend’s landing page hosted by this app.',
  }),
  fallbackUrl: httpUrl.nullable().default(null).meta({
    title: 'Where an unknown link leads',
    description: 'For a mistyped or retired code. Empty: the same page as above, without a code.',
  }),
  codeParam: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'Use 1 to 32 letters, digits, _ or -.')
    .default('ref')
    .meta({
      title: 'Name of the code in the link',
      description: 'The code arrives on your page as ?ref=CODE. Default: ref.',
    }),
  codeStyle: z.enum(['name', 'random']).default('name').meta({
    title: 'Style of new codes',
    description: 'Based on the person’s name (jane-k7p2) or random letters. Default: name.',
  }),
  landing: landingSettings.default(landingSettings.parse({})).meta({
    title: 'Friend’s landing page',
    description:
      'The page a friend sees when “Where a referral link leads” is empty: who invited them, what they get and a sign-up button.',
  }),
  card: cardSettings.default(cardSettings.parse({})).meta({
    title: 'Messenger card',
    description: 'What contacts see on the referral card in the Messenger.',
  }),
  attributes: attributeMapping.default(attributeMapping.parse({})).meta({
    title: 'Attributes written to Intercom',
    description: 'The contact attributes the app keeps up to date; empty switches one off.',
  }),
  qualification: qualificationRule.default(qualificationRule.parse({})).meta({
    title: 'When a friend qualifies',
    description: 'A referral counts (and earns rewards) when the friend’s attribute matches.',
  }),
  rewards: rewardSettings.default(rewardSettings.parse({})).meta({
    title: 'Rewards',
    description: 'What referrers and friends get for qualified referrals.',
  }),
  fraud: fraudSettings.default(fraudSettings.parse({})).meta({
    title: 'Fraud protection',
    description: 'Referrals that look abusive are rejected or held for review.',
  }),
  intercom: intercomActions.default(intercomActions.parse({})).meta({
    title: 'Contacts in Intercom',
    description: 'Which contacts the app creates in Intercom, and what it writes on them.',
  }),
  import: importSettings.default(importSettings.parse({})).meta({
    title: 'Import referrers from Intercom',
    description: 'Bring existing Intercom contacts in as referrers, once or on a schedule.',
  }),
  billing: billingSettings.default(billingSettings.parse({})).meta({
    title: 'Payments (Stripe)',
    description: 'How payments in your Stripe account qualify referrals and earn commissions.',
  }),
  invites: inviteLimits.default(inviteLimits.parse({})).meta({
    title: 'Invitation limits',
    description:
      "Protects friends' inboxes and your sending reputation from misuse of the invite form.",
  }),
})

export type CampaignSettings = z.infer<typeof campaignSettingsSchema>
export type CampaignSettingsInput = z.input<typeof campaignSettingsSchema>
export type RewardRule = z.infer<typeof rewardRule>
export type BillingSettings = z.infer<typeof billingSettings>

/** What each kind of reward needs, named by the field a person fills in. */
const RULE_NEEDS: Record<RewardRule['kind'], [keyof RewardRule, string][]> = {
  fixed: [
    ['amountMinor', 'Enter an amount.'],
    ['currency', 'Enter a currency, e.g. USD.'],
  ],
  points: [['points', 'Enter a number of points.']],
  coupon: [],
  commission: [
    ['percent', 'Enter a percentage.'],
    ['currency', 'Enter a currency, e.g. USD.'],
    ['saleAttribute', 'Choose the attribute that holds the sale value.'],
  ],
  payout: [
    ['amountMinor', 'Enter an amount.'],
    ['currency', 'Enter a currency, e.g. USD.'],
    ['payoutProvider', 'Choose who pays it out.'],
  ],
}

/**
 * The settings as an admin saves them: the stored schema, plus every reward rule complete for its
 * kind. Reading stays lenient, so a rule saved before this check still loads (and is skipped).
 */
export const campaignSettingsInputSchema = campaignSettingsSchema.superRefine((settings, ctx) => {
  settings.rewards.rules.forEach((rule, index) => {
    for (const [field, message] of RULE_NEEDS[rule.kind]) {
      if (rule[field] === null || rule[field] === '')
        ctx.addIssue({ code: 'custom', path: ['rewards', 'rules', index, field], message })
    }
    if (rule.kind === 'coupon') {
      const [field, message] =
        rule.couponSource === 'stripe'
          ? (['percentOff', 'Enter the discount the Stripe coupon gives.'] as const)
          : (['couponPool', 'Choose a coupon pool.'] as const)
      if (rule[field] === null || rule[field] === '')
        ctx.addIssue({ code: 'custom', path: ['rewards', 'rules', index, field], message })
    }
    if (rule.kind === 'payout' && rule.payoutProvider === 'tango_card' && !rule.payoutProduct)
      ctx.addIssue({
        code: 'custom',
        path: ['rewards', 'rules', index, 'payoutProduct'],
        message: 'Choose the Tango Card item (utid) from your catalog.',
      })
    if (rule.milestone !== null && rule.recipient !== 'referrer')
      ctx.addIssue({
        code: 'custom',
        path: ['rewards', 'rules', index, 'recipient'],
        message: 'A milestone reward goes to the referrer only.',
      })
  })
  const ids = settings.rewards.rules.map((rule) => rule.id)
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      ctx.addIssue({
        code: 'custom',
        path: ['rewards', 'rules', index, 'id'],
        message: 'Two rules have the same id.',
      })
  })
  // Only once the import is switched on: a segment may be chosen after the source.
  if (settings.import.enabled && settings.import.source === 'segment' && !settings.import.segmentId)
    ctx.addIssue({
      code: 'custom',
      path: ['import', 'segmentId'],
      message: 'Choose the segment to import.',
    })
})

type Issue = {
  code: string
  origin?: string
  minimum?: unknown
  maximum?: unknown
  expected?: string
  values?: unknown[]
  input?: unknown
}

/**
 * Words for the checks that carry no message of their own (lengths, types, choices), so whoever
 * reads an error, in the dashboard or the API, gets a sentence rather than a type signature.
 */
export function settingIssueMessage(issue: Issue): string | undefined {
  const { code, origin } = issue
  const n = (value: unknown) => Number(value).toLocaleString('en')
  if (code === 'too_big' && origin === 'string')
    return `Keep it to ${n(issue.maximum)} characters or fewer.`
  if (code === 'too_small' && origin === 'string') return 'This cannot be empty.'
  if (code === 'too_big' && origin === 'array') return `Give at most ${n(issue.maximum)}.`
  if (code === 'too_small' && origin === 'array') return `Give at least ${n(issue.minimum)}.`
  if (code === 'too_big' && origin === 'number') return `Enter ${n(issue.maximum)} or less.`
  if (code === 'too_small' && origin === 'number') return `Enter ${n(issue.minimum)} or more.`
  if (code === 'invalid_value') return 'Choose one of the offered options.'
  if (code === 'invalid_type') {
    if (issue.input === undefined) return 'This is required.'
    if (issue.expected === 'number') return 'Enter a number.'
    if (issue.expected === 'boolean') return 'Choose yes or no.'
    if (issue.expected === 'string') return 'Enter some text.'
    return 'This is not a value this setting takes.'
  }
  return undefined
}

export function parseCampaignSettings(value: unknown): CampaignSettings {
  return campaignSettingsSchema.parse(value ?? {})
}
