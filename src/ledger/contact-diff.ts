import type { ContactState } from './contact-snapshots.js'
import { readContactAttribute } from './qualification.js'

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable(record[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * The fields that differ between two states of a contact: role, email, name, every custom
 * attribute, and the standard fields a rule reads. Volatile fields (last_seen_at, …) are not
 * compared: Intercom's payload carries no diff of its own, and those change all the time.
 */
export function changedContactFields(
  before: ContactState,
  after: ContactState,
  standardFields: readonly string[] = [],
): string[] {
  const keys = new Set(['role', 'email', 'name', ...standardFields])
  for (const name of Object.keys(before.customAttributes)) keys.add(`custom_attributes.${name}`)
  for (const name of Object.keys(after.customAttributes)) keys.add(`custom_attributes.${name}`)
  return [...keys].filter(
    (key) => stable(readContactAttribute(before, key)) !== stable(readContactAttribute(after, key)),
  )
}

/** True when every changed field is one of the attributes the app itself writes onto contacts. */
export function onlyOwnAttributesChanged(
  changed: readonly string[],
  ownAttributeNames: ReadonlySet<string>,
): boolean {
  return changed.every(
    (key) =>
      key.startsWith('custom_attributes.') &&
      ownAttributeNames.has(key.slice('custom_attributes.'.length)),
  )
}
