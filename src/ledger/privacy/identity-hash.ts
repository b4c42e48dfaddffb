import { createHmac, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { normalizeCode } from '../codes.js'
import type { Db } from '../db-types.js'
import { tryNormalizeEmail } from '../emails.js'
import { ErasedPersonError } from '../errors.js'
import type { PersonInput } from '../types.js'

export type IdentityKind = 'email' | 'contact' | 'code'

/** The deployment's salt, created on first use (every instance converges on one row). */
export async function privacySalt(db: Db): Promise<Buffer> {
  const read = () =>
    db.selectFrom('privacy_salts').select('salt').where('id', '=', 1).executeTakeFirst()
  let row = await read()
  if (!row) {
    await db
      .insertInto('privacy_salts')
      .values({ id: 1, salt: randomBytes(32).toString('base64') })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    row = await read()
  }
  if (!row) throw new Error('privacy salt missing after insert')
  return Buffer.from(row.salt, 'base64')
}

/**
 * A keyed hash that recognises a value again without keeping it. Codes are global (a link names
 * no workspace), emails and contact ids belong to one workspace.
 */
export function identityHash(
  salt: Buffer,
  kind: IdentityKind,
  value: string,
  workspaceId: string,
): string {
  const scope = kind === 'code' ? '*' : workspaceId
  return createHmac('sha256', salt).update(`${kind}\n${scope}\n${value}`).digest('hex')
}

/** The hashes a person would leave behind: normalized email and contact id. */
export function personHashes(salt: Buffer, workspaceId: string, person: PersonInput): string[] {
  const hashes: string[] = []
  const contactId = person.contactId?.trim()
  if (contactId) hashes.push(identityHash(salt, 'contact', contactId, workspaceId))
  const email = tryNormalizeEmail(person.email)
  if (email) hashes.push(identityHash(salt, 'email', email.normalized, workspaceId))
  return hashes
}

/** True when this email or contact id belongs to someone erased from the workspace. */
export async function isErasedPerson(
  db: Db,
  workspaceId: string,
  person: PersonInput,
): Promise<boolean> {
  const hashes = personHashes(await privacySalt(db), workspaceId, person)
  return (await erasedOf(db, workspaceId, hashes)).size > 0
}

/**
 * isErasedPerson for several people of a workspace (two statements, whatever their number):
 * answers, in order, whether each was erased.
 */
export async function erasedPeople(
  db: Db,
  workspaceId: string,
  people: readonly PersonInput[],
): Promise<boolean[]> {
  if (people.length === 0) return []
  const salt = await privacySalt(db)
  const hashes = people.map((person) => personHashes(salt, workspaceId, person))
  const all = [...new Set(hashes.flat())]
  if (all.length === 0) return people.map(() => false)
  // An array parameter, not a list: one statement text whatever the number (prepared once).
  const rows = await db
    .selectFrom('erased_identities')
    .select('identity_hash')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`identity_hash = any(${all}::text[])`)
    .execute()
  const erased = new Set(rows.map((row) => row.identity_hash))
  return hashes.map((mine) => mine.some((hash) => erased.has(hash)))
}

/** Which of these identity hashes belong to people erased from the workspace. */
async function erasedOf(db: Db, workspaceId: string, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const rows = await db
    .selectFrom('erased_identities')
    .select('identity_hash')
    .where('workspace_id', '=', workspaceId)
    .where('identity_hash', 'in', hashes)
    .execute()
  return new Set(rows.map((row) => row.identity_hash))
}

/** Refuses to bring an erased person back (an invite, a sync, a webhook, a panel view). */
export async function refuseErasedPerson(
  db: Db,
  workspaceId: string,
  person: PersonInput,
): Promise<void> {
  if (await isErasedPerson(db, workspaceId, person)) throw new ErasedPersonError()
}

/** True when a referral link's code belonged to an erased person (the link answers 410). */
export async function isErasedCode(db: Db, rawCode: string): Promise<boolean> {
  const hash = identityHash(await privacySalt(db), 'code', normalizeCode(rawCode), '*')
  const row = await db
    .selectFrom('erased_identities')
    .select('identity_hash')
    .where('kind', '=', 'code')
    .where('identity_hash', '=', hash)
    .executeTakeFirst()
  return row !== undefined
}

/** The people of a batch (an import page) who were never erased; one query for the whole batch. */
export async function withoutErased<P extends PersonInput>(
  db: Db,
  workspaceId: string,
  people: readonly P[],
): Promise<P[]> {
  if (people.length === 0) return []
  const salt = await privacySalt(db)
  const hashed = people.map((person) => personHashes(salt, workspaceId, person))
  const erased = await erasedOf(db, workspaceId, hashed.flat())
  if (erased.size === 0) return [...people]
  return people.filter((_person, at) => !hashed[at]!.some((hash) => erased.has(hash)))
}
