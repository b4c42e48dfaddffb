import type { CampaignSettings } from './campaign-settings.js'
import type { ContactState } from './contact-snapshots.js'

export type QualificationRule = CampaignSettings['qualification']

const SIGNED_UP_TOPIC = 'contact.lead.signed_up'

/** Reads the attribute a rule names: `role`, `email`, `name`, `custom_attributes.<name>`, or another (dotted) standard field. */
export function readContactAttribute(state: ContactState, attribute: string): unknown {
  if (attribute === 'role') return state.role
  if (attribute === 'email') return state.email
  if (attribute === 'name') return state.name
  if (attribute.startsWith('custom_attributes.')) {
    return state.customAttributes[attribute.slice('custom_attributes.'.length)]
  }
  let value: unknown = state.attributes
  for (const key of attribute.split('.')) {
    if (!value || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/**
 * The comparable texts of an attribute value: text and numbers as they are, lists element by
 * element, and Intercom list objects (`{type: 'list', data: [...]}`) by their items' name or id.
 */
export function attributeTexts(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return [value.trim().toLowerCase()].filter(Boolean)
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value).toLowerCase()]
  if (Array.isArray(value)) return value.flatMap(attributeTexts)
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    if (Array.isArray(record.data)) return attributeTexts(record.data)
    for (const key of ['name', 'value', 'id']) {
      if (record[key] !== undefined) return attributeTexts(record[key])
    }
  }
  return []
}

export interface QualificationVerdict {
  readonly qualifies: boolean
  /** Why, in words an admin reads in the event history. */
  readonly reason: string
}

/**
 * Whether a contact's state means "converted" under a campaign's rule. The default rule (role
 * `user`) also accepts the lead-signed-up topic, whose payload may still be on its way to `user`.
 */
export function evaluateQualification(
  rule: QualificationRule,
  state: ContactState,
  topic: string,
): QualificationVerdict {
  const wanted = new Set(rule.values.map((value) => value.trim().toLowerCase()))
  if (topic === SIGNED_UP_TOPIC && rule.attribute === 'role' && wanted.has('user')) {
    return { qualifies: true, reason: 'the lead signed up' }
  }
  const actual = attributeTexts(readContactAttribute(state, rule.attribute))
  const hit = actual.find((text) => wanted.has(text))
  return hit === undefined
    ? { qualifies: false, reason: `${rule.attribute} is not one of the converted values` }
    : { qualifies: true, reason: `${rule.attribute} = ${hit}` }
}
