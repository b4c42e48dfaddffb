import { sql } from 'kysely'
import type { ReferrerRow } from '../../db/tables/referrers.js'
import { type CampaignSettings, parseCampaignSettings } from './campaign-settings.js'
import { isUuid } from './campaigns.js'
import type { CampaignMemo } from './campaign-memo.js'
import { type CachedReferrerView, ReferrerViewCache } from './referrer-view-cache.js'
import type { Db } from './db-types.js'
import { toParticipant, toReferrer } from './mappers.js'
import type { Campaign, PersonInput, ReferralStatus } from './types.js'

import type { LatestPayout, ReferrerView } from './referrer-view-shape.js'

export type { ReferredByLine, ReferrerView } from './referrer-view-shape.js'

interface ReferrerViewRow extends ReferrerRow {
  campaign_name: string
  campaign_is_default: boolean
  campaign_status: Campaign['status']
  campaign_version: number
  campaign_updated_at: Date
  campaign_settings: string
  code: string
  contact_id: string | null
  email: string | null
  email_normalized: string | null
  email_plus_addressed: boolean
  name: string | null
  first_name: string | null
  participant_created_at: Date
  reward_count: number
  reward_points: number
  reward_money: Array<[string, number]> | string
  by_name: string | null
  by_email: string | null
  by_code: string | null
  by_status: ReferralStatus | null
  by_participant_id: string | null
  latest_payout: LatestPayoutRow | string | null
}

interface LatestPayoutRow {
  amount_minor: number
  currency: string
  product_name: string | null
  provider: LatestPayout['provider']
  delivery: LatestPayout['delivery']
  email: string | null
  at: string
}

/**
 * The card of a contact already enrolled, in one statement (prepared once per connection, like
 * every parameterized query: db/prepared-statements.ts): campaign, referrer counters and primary
 * code, reward totals (bounded like rewardTotals) and who referred them. Every join is on an index.
 */
const referrerViewSql = (
  workspaceId: string,
  campaignId: string | null,
  contactId: string,
) => sql<ReferrerViewRow>`
select c.name as campaign_name, c.is_default as campaign_is_default,
       c.status as campaign_status, c.settings::text as campaign_settings,
       c.version as campaign_version, c.updated_at as campaign_updated_at,
       r.id, r.workspace_id, r.campaign_id, r.participant_id, r.source, r.referral_count,
       r.pending_count, r.converted_count, r.rejected_count, r.click_count, r.last_referral_at,
       r.created_at, r.blocked_at, r.blocked_reason, code.code,
       p.contact_id, p.email, p.email_normalized, p.email_plus_addressed, p.name, p.first_name,
       p.created_at as participant_created_at,
       rw.reward_count, rw.reward_points, rw.reward_money,
       by_p.name as by_name, by_p.email as by_email, by_code.code as by_code, by_ref.status as by_status,
       by_ref.referrer_participant_id as by_participant_id, pay.latest_payout
  from campaigns c
  join participants p on p.workspace_id = c.workspace_id and p.contact_id = ${contactId}::text
  join referrers r on r.campaign_id = c.id and r.participant_id = p.id
  join referral_codes code on code.referrer_id = r.id and code.is_primary
  cross join lateral (
    select count(*)::int as reward_count, coalesce(sum(x.points), 0)::int as reward_points,
           coalesce(json_agg(json_build_array(x.currency, x.amount_minor))
                      filter (where x.currency is not null and x.amount_minor is not null), '[]') as reward_money
      from (select currency, amount_minor, points from rewards
             where workspace_id = c.workspace_id and participant_id = p.id and campaign_id = c.id
               and status not in ('declined', 'reversed')
             order by created_at desc limit 1000) x
  ) rw
  left join lateral (
    select json_build_object('amount_minor', amount_minor, 'currency', currency,
             'product_name', product_name, 'provider', provider, 'delivery', delivery,
             'email', recipient_email, 'at', sent_at) as latest_payout
      from payouts
     where workspace_id = c.workspace_id and participant_id = p.id and campaign_id = c.id
       and status in ('sent', 'delivered')
     order by sent_at desc limit 1
  ) pay on true
  left join referrals by_ref on by_ref.workspace_id = c.workspace_id and by_ref.campaign_id = c.id
        and by_ref.friend_participant_id = p.id
  left join participants by_p on by_p.id = by_ref.referrer_participant_id
  left join referral_codes by_code on by_code.referrer_id = by_ref.referrer_id and by_code.is_primary
 where c.workspace_id = ${workspaceId}::text
   and case when ${campaignId}::uuid is null then c.is_default else c.id = ${campaignId}::uuid end
 limit 1`

/**
 * The card cache's key for a contact's view, or null when no view of it is ever cached (no
 * contact id, or a campaign id that cannot be one): the rule referrerViewOfContact keys by.
 */
export function referrerViewKey(input: {
  workspaceId: string
  campaignId: string | null
  person: PersonInput
}): string | null {
  const contactId = input.person.contactId?.trim()
  if (!contactId) return null
  if (input.campaignId && !isUuid(input.campaignId)) return null
  return ReferrerViewCache.key(input.workspaceId, input.campaignId, contactId)
}

/**
 * The view of a contact who is already a referrer of the campaign (the default one when no id is
 * given) and has nothing left to fill in from `person`; null sends the caller down the enrolling
 * path (unknown contact, new email or name, a campaign id that is not this workspace's).
 * With a cache, a card read before is served from memory until a row it was read from changes;
 * `fresh` reads the database anyway (right after this request changed the ledger itself).
 */
export async function referrerViewOfContact(
  db: Db,
  input: { workspaceId: string; campaignId: string | null; person: PersonInput },
  cache: ReferrerViewCache | null = null,
  fresh = false,
): Promise<ReferrerView | null> {
  const key = referrerViewKey(input)
  if (key === null) return null
  const contactId = input.person.contactId!.trim()
  let found = fresh ? undefined : cache?.get(key)
  if (!found) {
    const token = cache?.begin() ?? 0
    const { rows } = await referrerViewSql(input.workspaceId, input.campaignId, contactId).execute(
      db,
    )
    const row = rows[0]
    if (!row) return null
    found = cachedView(input.workspaceId, row, cache?.campaigns ?? null)
    cache?.set(key, found, token)
  }
  if (input.person.email?.trim() && !found.hasEmail) return null
  if (input.person.name?.trim() && !found.hasName) return null
  return found.view
}

function cachedView(
  workspaceId: string,
  row: ReferrerViewRow,
  memo: CampaignMemo | null,
): CachedReferrerView {
  const tags = [row.participant_id, `w:${workspaceId}`]
  if (row.by_participant_id) tags.push(row.by_participant_id)
  return {
    // Shared by every request that hits it: nobody may change it.
    view: deepFreeze(toReferrerView(workspaceId, row, memo)),
    tags,
    hasEmail: Boolean(row.email_normalized),
    hasName: Boolean(row.name),
  }
}

function toReferrerView(
  workspaceId: string,
  row: ReferrerViewRow,
  memo: CampaignMemo | null,
): ReferrerView {
  return {
    campaign: campaignOf(workspaceId, row, memo),
    referrer: toReferrer(row, row.code),
    participant: toParticipant({
      ...row,
      id: row.participant_id,
      created_at: row.participant_created_at,
      updated_at: row.participant_created_at,
    }),
    rewards: {
      count: row.reward_count,
      points: row.reward_points,
      money: moneyTotals(row.reward_money),
    },
    referredBy:
      row.by_code && row.by_status
        ? { name: row.by_name, email: row.by_email, code: row.by_code, status: row.by_status }
        : null,
    latestPayout: latestPayoutOf(row.latest_payout),
  }
}

function latestPayoutOf(value: LatestPayoutRow | string | null): LatestPayout | null {
  if (!value) return null
  const row = (typeof value === 'string' ? JSON.parse(value) : value) as LatestPayoutRow
  return {
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    productName: row.product_name,
    provider: row.provider,
    delivery: row.delivery,
    to: row.email ? maskEmail(row.email) : null,
    at: new Date(row.at).toISOString(),
  }
}

/** j…@example.com: enough for the referrer to recognise, not enough to read off a screen. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  return at <= 0 ? '…' : `${email.slice(0, 1)}…${email.slice(at)}`
}

function moneyTotals(
  value: Array<[string, number]> | string,
): Array<{ currency: string; amountMinor: number }> {
  // json_agg arrives parsed from pg and as text from PGlite's json type parser in some setups
  const pairs = (typeof value === 'string' ? JSON.parse(value) : value) as Array<[string, number]>
  const totals = new Map<string, number>()
  for (const [currency, amount] of pairs)
    totals.set(currency, (totals.get(currency) ?? 0) + Number(amount))
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

// Every card of a campaign shares one campaign object (cached cards hold it; it is frozen), kept
// per campaign as last read: a changed campaign is a new object, the old one goes with its cards.
function campaignOf(
  workspaceId: string,
  row: ReferrerViewRow,
  memo: CampaignMemo | null,
): Campaign {
  const known = memo?.campaign(row.campaign_id)
  const settings = settingsOf(row.campaign_settings, memo)
  if (
    known &&
    known.workspaceId === workspaceId &&
    known.name === row.campaign_name &&
    known.isDefault === row.campaign_is_default &&
    known.status === row.campaign_status &&
    known.version === row.campaign_version &&
    known.settings === settings
  )
    return known
  const campaign: Campaign = Object.freeze({
    id: row.campaign_id,
    workspaceId,
    name: row.campaign_name,
    isDefault: row.campaign_is_default,
    status: row.campaign_status,
    settings,
    version: row.campaign_version,
    updatedAt: row.campaign_updated_at,
  })
  memo?.rememberCampaign(campaign)
  return campaign
}

// Parsing a campaign's settings is the costliest step of a card view; the parse is a pure function
// of the stored JSON text, so it is kept per text (a changed campaign is a new key; nothing stale).
function settingsOf(text: string, memo: CampaignMemo | null): CampaignSettings {
  const cached = memo?.settings(text)
  if (cached) return cached
  const settings = deepFreeze(parseCampaignSettings(JSON.parse(text)))
  memo?.rememberSettings(text, settings)
  return settings
}

/** Shared between requests, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
