import { z } from 'zod'
import { decodeCursor } from '../../../ledger/admin/cursor.js'
import { campaignSettingsSchema } from '../../../ledger/campaign-settings.js'

// The admin API's wire shapes: requests are parsed with these, responses leave through them, and
// the OpenAPI document is generated from them.

export const iso = z.iso.datetime()
const isoOrNull = iso.nullable()

/** Date → ISO string on the way out (JSON has no dates). */
export function isoOf(date: Date): string
export function isoOf(date: Date | null): string | null
export function isoOf(date: Date | null): string | null {
  return date ? date.toISOString() : null
}

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    reference: z.string().optional(),
  }),
})

export const workspaceParams = z.object({ workspaceId: z.string().min(1).max(100) })
export const uuid = z.uuid({ error: 'must be an id (uuid)' })

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size (1–200)'),
  cursor: z
    .string()
    .max(500)
    .refine((value) => decodeCursor(value) !== null, { error: 'is not a cursor this API gave out' })
    .optional()
    .describe('nextCursor of the previous page'),
})

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  region: z.string(),
  status: z.enum(['local', 'active', 'disconnected', 'uninstalled']),
})

export const campaignSchema = z.object({
  id: z.uuid(),
  workspaceId: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  status: z.enum(['active', 'paused', 'archived']),
  settings: campaignSettingsSchema,
  version: z
    .number()
    .int()
    .describe('bumped by every change; send it back (or If-Match) to refuse stale saves'),
  updatedAt: iso,
})

export const referrerSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  participantId: z.uuid(),
  contactId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  code: z.string(),
  source: z.string(),
  referralCount: z.number().int(),
  pendingCount: z.number().int(),
  convertedCount: z.number().int(),
  rejectedCount: z.number().int(),
  clickCount: z.number().int(),
  lastReferralAt: isoOrNull,
  createdAt: iso,
})

export const referralStatus = z.enum(['pending', 'qualified', 'rejected'])

export const referralSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  referrerId: z.uuid(),
  referrerCode: z.string().nullable(),
  referrerEmail: z.string().nullable(),
  friendParticipantId: z.uuid(),
  friendEmail: z.string().nullable(),
  friendName: z.string().nullable(),
  source: z.string(),
  status: referralStatus,
  statusReason: z.string().nullable(),
  reviewReason: z.string().nullable(),
  createdAt: iso,
  qualifiedAt: isoOrNull,
  rejectedAt: isoOrNull,
})

export const rewardStatus = z.enum(['pending', 'approved', 'fulfilled', 'declined', 'reversed'])

export const rewardSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  referralId: z.uuid().nullable(),
  participantId: z.uuid(),
  recipientRole: z.enum(['referrer', 'friend']),
  recipientEmail: z.string().nullable(),
  recipientName: z.string().nullable(),
  kind: z.string(),
  amountMinor: z.number().int().nullable().describe("money in the currency's ISO 4217 minor unit: cents, or yen as they are"),
  currency: z.string().nullable(),
  points: z.number().int().nullable(),
  couponCode: z.string().nullable(),
  description: z.string().nullable(),
  status: rewardStatus,
  statusReason: z.string().nullable(),
  createdAt: iso,
  approvedAt: isoOrNull,
  fulfilledAt: isoOrNull,
  declinedAt: isoOrNull,
  delivery: z
    .object({
      status: z.enum(['failed', 'retrying']),
      failure: z.string().nullable(),
      failedAt: isoOrNull,
      attempts: z.number().int().nullable(),
      gaveUp: z.boolean(),
    })
    .nullable()
    .describe(
      'set while an approved reward\'s delivery has failed (failed) or another attempt was asked for (retrying); null otherwise',
    ),
})

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

export const analyticsSchema = z.object({
  from: iso,
  to: iso,
  timeZone: z.string().describe('the IANA zone days are counted in (the workspace\'s)'),
  totals: z.object({
    clicks: z.number().int(),
    signUps: z.number().int(),
    qualified: z.number().int(),
    conversionRate: z.number().min(0).max(1),
    rewardsIssued: z.number().int(),
  }),
  leaderboard: z.array(
    z.object({
      referrerId: z.uuid(),
      code: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      referralCount: z.number().int(),
      convertedCount: z.number().int(),
      clickCount: z.number().int(),
    }),
  ),
  sources: z.array(
    z.object({ source: z.string(), signUps: z.number().int(), qualified: z.number().int() }),
  ),
  series: z.array(
    z.object({
      day: z.iso.date(),
      clicks: z.number().int(),
      signUps: z.number().int(),
      qualified: z.number().int(),
      rewardsIssued: z.number().int(),
    }),
  ),
  funnel: z
    .array(
      z.object({
        step: z.enum(['linkViews', 'clicks', 'joined', 'converted']),
        count: z.number().int(),
        rateFromPrevious: z.number().min(0).nullable(),
      }),
    )
    .describe('link views (share sheet opened) → clicks → friends joined → converted'),
  campaigns: z.array(
    z.object({
      campaignId: z.uuid(),
      name: z.string(),
      linkViews: z.number().int(),
      clicks: z.number().int(),
      joined: z.number().int(),
      converted: z.number().int(),
    }),
  ),
  revenue: z.object({
    stripeConnected: z.boolean(),
    currencies: z
      .array(
        z.object({
          currency: z.string(),
          invoices: z.number().int(),
          paidMinor: z.number().int(),
          lostMinor: z.number().int(),
        }),
      )
      .describe('paid invoices of referred friends, per currency, in minor units'),
  }),
  channels: z.array(
    z.object({
      channel: z.enum(['sheet', 'copy', 'email', 'x', 'linkedin', 'whatsapp']),
      shares: z.number().int(),
    }),
  ),
})

/** Schemas shown once under components.schemas and referenced by $ref. */
export const namedSchemas: Record<string, z.ZodType> = {
  CampaignSettings: campaignSettingsSchema,
  Workspace: workspaceSchema,
  Campaign: campaignSchema,
  Referrer: referrerSchema,
  Referral: referralSchema,
  Reward: rewardSchema,
  Analytics: analyticsSchema,
}
