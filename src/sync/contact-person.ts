import type { IntercomContact } from '../intercom/api-types.js'
import { tryNormalizeEmail } from '../ledger/emails.js'
import type { PersonInput } from '../ledger/types.js'

/** The app fields an import can fill; `name` gives the first name (its first word). */
export const IMPORT_APP_FIELDS = ['email', 'name', 'firstName', 'lastName'] as const
type ImportAppField = (typeof IMPORT_APP_FIELDS)[number]

/** Reads a standard field (`email`, `phone`, …) or `custom_attributes.<name>` from a contact. */
export function readContactField(contact: IntercomContact, field: string): string | null {
  const value = field.startsWith('custom_attributes.')
    ? contact.customAttributes[field.slice('custom_attributes.'.length)]
    : field === 'email'
      ? contact.email
      : field === 'name'
        ? contact.name
        : field === 'external_id'
          ? contact.externalId
          : contact.raw[field]
  if (typeof value === 'string') return value.trim() || null
  if (typeof value === 'number') return String(value)
  return null
}

/**
 * Pure: the person an Intercom contact becomes, through the campaign's field map (Intercom field →
 * app field). The contact id is always the Intercom id; email is required, so a contact without a
 * valid one gives null and is skipped.
 */
export function personFromContact(
  contact: IntercomContact,
  fieldMap: Readonly<Record<string, string>>,
): PersonInput | null {
  const mapped: Partial<Record<ImportAppField, string>> = {}
  for (const [intercomField, appField] of Object.entries(fieldMap)) {
    if (!(IMPORT_APP_FIELDS as readonly string[]).includes(appField)) continue
    const value = readContactField(contact, intercomField)
    if (value !== null) mapped[appField as ImportAppField] ??= value
  }
  const email = mapped.email ?? contact.email
  if (!tryNormalizeEmail(email)) return null
  const joined = [mapped.firstName, mapped.lastName].filter(Boolean).join(' ')
  const name = mapped.name ?? (joined || null)
  return { contactId: contact.id, email: email?.trim() ?? null, name }
}
