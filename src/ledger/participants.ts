import { sql } from 'kysely'
import type { ParticipantRow } from '../../db/tables/participants.js'
import type { Db } from './db-types.js'
import { type NormalizedEmail, normalizeEmail, tryNormalizeEmail } from './emails.js'
import { MissingIdentityError } from './errors.js'
import { toParticipant } from './mappers.js'
import { refuseErasedPerson } from './privacy/identity-hash.js'
import type { Participant, PersonInput } from './types.js'

export interface EnsureParticipantOptions {
  /** strict: a malformed email is an error (user input); lenient: it is ignored (data from Intercom). */
  readonly emailPolicy?: 'strict' | 'lenient'
}

export interface EnsuredParticipant {
  readonly participant: Participant
  readonly created: boolean
}

function firstNameOf(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0]
  return first ? first : null
}

/**
 * Finds a person by Intercom contact id, then by normalized email, or creates them. Fills in an
 * identity that was missing (a contact id on an invited email, an email on a known contact).
 * Concurrent callers converge on one row: inserts skip on the unique indexes and re-read.
 */
export async function ensureParticipant(
  db: Db,
  workspaceId: string,
  person: PersonInput,
  options: EnsureParticipantOptions = {},
): Promise<EnsuredParticipant> {
  const contactId = person.contactId?.trim() || null
  const email =
    options.emailPolicy === 'lenient'
      ? tryNormalizeEmail(person.email)
      : person.email
        ? normalizeEmail(person.email)
        : null
  const name = person.name?.trim() || null
  if (!contactId && !email) throw new MissingIdentityError()

  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await findByIdentity(db, workspaceId, contactId, email)
    if (found)
      return {
        participant: toParticipant(await fillMissing(db, found, contactId, email, name)),
        created: false,
      }
    // Someone erased stays erased: no invite, sync, webhook or panel view brings them back.
    if (attempt === 0)
      await refuseErasedPerson(db, workspaceId, { contactId, email: email?.normalized })
    const inserted = await db
      .insertInto('participants')
      .values({
        workspace_id: workspaceId,
        contact_id: contactId,
        email: email ? (person.email?.trim() ?? null) : null,
        email_normalized: email?.normalized ?? null,
        email_plus_addressed: email?.plusAddressed ?? false,
        name,
        first_name: firstNameOf(name),
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst()
    if (inserted) return { participant: toParticipant(inserted), created: true }
  }
  throw new Error('participant identity kept changing under concurrent writes')
}

async function findByIdentity(
  db: Db,
  workspaceId: string,
  contactId: string | null,
  email: NormalizedEmail | null,
): Promise<ParticipantRow | undefined> {
  if (contactId) {
    const byContact = await db
      .selectFrom('participants')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contactId)
      .executeTakeFirst()
    if (byContact) return byContact
  }
  if (email) {
    return db
      .selectFrom('participants')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('email_normalized', '=', email.normalized)
      .executeTakeFirst()
  }
  return undefined
}

async function fillMissing(
  db: Db,
  row: ParticipantRow,
  contactId: string | null,
  email: NormalizedEmail | null,
  name: string | null,
): Promise<ParticipantRow> {
  const changes: Partial<
    Pick<
      ParticipantRow,
      'contact_id' | 'email' | 'email_normalized' | 'email_plus_addressed' | 'name' | 'first_name'
    >
  > = {}
  if (contactId && !row.contact_id) changes.contact_id = contactId
  if (email && !row.email_normalized) {
    changes.email = email.normalized
    changes.email_normalized = email.normalized
    changes.email_plus_addressed = email.plusAddressed
  }
  if (name && !row.name) {
    changes.name = name
    changes.first_name = firstNameOf(name)
  }
  if (Object.keys(changes).length === 0) return row
  // Another row may already own the identity we wanted to add; then we keep this row as it is.
  const updated = await db
    .updateTable('participants')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('participants as other')
            .select('other.id')
            .where('other.workspace_id', '=', row.workspace_id)
            .where('other.id', '!=', row.id)
            .where((eb) =>
              eb.or([
                eb('other.contact_id', '=', changes.contact_id ?? null),
                eb('other.email_normalized', '=', changes.email_normalized ?? null),
              ]),
            ),
        ),
      ),
    )
    .returningAll()
    .executeTakeFirst()
  return updated ?? row
}

export async function findParticipantByContact(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<Participant | null> {
  const row = await db
    .selectFrom('participants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst()
  return row ? toParticipant(row) : null
}

/** findParticipantByContact for several contacts of a workspace in one statement, by contact id. */
export async function findParticipantsByContact(
  db: Db,
  workspaceId: string,
  contactIds: readonly string[],
): Promise<Map<string, Participant>> {
  const found = new Map<string, Participant>()
  const unique = [...new Set(contactIds)]
  if (unique.length === 0) return found
  const rows = await db
    .selectFrom('participants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    // An array parameter, not a list: one statement text whatever the number (prepared once).
    .where(sql<boolean>`contact_id = any(${unique}::text[])`)
    .execute()
  for (const row of rows) if (row.contact_id) found.set(row.contact_id, toParticipant(row))
  return found
}

export async function findParticipantByEmail(
  db: Db,
  workspaceId: string,
  rawEmail: string,
): Promise<Participant | null> {
  const email = tryNormalizeEmail(rawEmail)
  if (!email) return null
  const row = await db
    .selectFrom('participants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email_normalized', '=', email.normalized)
    .executeTakeFirst()
  return row ? toParticipant(row) : null
}

export async function getParticipant(
  db: Db,
  workspaceId: string,
  participantId: string,
): Promise<Participant | null> {
  const row = await db
    .selectFrom('participants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', participantId)
    .executeTakeFirst()
  return row ? toParticipant(row) : null
}
