import type { IntercomContactInput } from '../intercom/api-types.js'
import type { CampaignSettings } from '../ledger/campaign-settings.js'

type Value = string | number | boolean | Date | null

/** What the app knows about a referrer it sends to Intercom, by app field name. */
export interface ReferrerFacts {
  readonly name: string | null
  readonly code: string
  readonly link: string
  readonly referralCount: number
  readonly convertedCount: number
  readonly lastReferralAt: Date | null
  readonly campaign: string
  readonly source: string
}

/** What the app knows about a referred friend, by app field name. */
export interface FriendFacts {
  readonly name: string | null
  readonly referrerName: string | null
  readonly referrerEmail: string | null
  readonly referrerCode: string
  readonly referrerLink: string
  readonly campaign: string
  readonly source: string
  readonly status: string
}

type Attributes = CampaignSettings['attributes']

/**
 * Sent even with an empty mapping (ReferralHero parity): name, code, link, people referred and last
 * referral time, on the campaign's attribute names (a null attribute name switches one off).
 */
export function defaultReferrerFields(attributes: Attributes): Record<string, string> {
  return compact({
    name: 'name',
    code: attributes.referral_code,
    link: attributes.referral_link,
    referralCount: attributes.referral_count,
    convertedCount: attributes.referral_converted_count,
    lastReferralAt: attributes.referral_last_at,
  })
}

export function defaultFriendFields(attributes: Attributes): Record<string, string> {
  return compact({
    name: 'name',
    referrerCode: attributes.referred_by_code,
    status: attributes.referral_status,
  })
}

/**
 * Pure: the contact to create. Defaults go first, then the mapped app fields (app field → Intercom
 * field; `name` and `external_id` are standard fields, anything else a custom attribute), then
 * `extra` (the qualification attribute's initial value). Email always comes from the person.
 */
export function contactInput(input: {
  role: 'lead' | 'user'
  email: string
  facts: object
  fields: Readonly<Record<string, string>>
  defaults: Readonly<Record<string, string | number | boolean>>
  extra?: Readonly<Record<string, string>>
}): IntercomContactInput {
  let name: string | null | undefined
  let externalId: string | null | undefined
  const custom: Record<string, string | number | boolean | null> = {}
  const put = (target: string, value: Value | undefined) => {
    if (value === null || value === undefined || target === 'email') return
    const plain = value instanceof Date ? Math.floor(value.getTime() / 1000) : value
    if (target === 'name') name = String(plain)
    else if (target === 'external_id') externalId = String(plain)
    else custom[target.replace(/^custom_attributes\./, '')] = plain
  }
  for (const [target, value] of Object.entries(input.defaults)) put(target, value)
  const facts = input.facts as Record<string, Value | undefined>
  for (const [appField, target] of Object.entries(input.fields)) put(target, facts[appField])
  for (const [target, value] of Object.entries(input.extra ?? {})) put(target, value)
  return {
    role: input.role,
    email: input.email,
    ...(name !== undefined ? { name } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
    ...(Object.keys(custom).length > 0 ? { customAttributes: custom } : {}),
  }
}

/** The qualification attribute's starting value, when it is a custom attribute the app may set. */
export function qualificationStart(
  qualification: CampaignSettings['qualification'],
): Record<string, string> {
  const { attribute, initialValue } = qualification
  if (initialValue === null || !attribute.startsWith('custom_attributes.')) return {}
  return { [attribute]: initialValue }
}

function compact(fields: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null),
  )
}
