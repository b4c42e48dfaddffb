import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { normalizeCode } from '../codes.js'
import { markContactErased } from '../contact-changes.js'
import type { Db, Trx } from '../db-types.js'
import { tryNormalizeEmail } from '../emails.js'
import { recordEvent } from '../events.js'
import type { Actor } from '../types.js'
import { identityHash, personHashes, privacySalt } from './identity-hash.js'
import { type ErasureTarget, matchingPerson, UUID } from './person-target.js'
import { jsonNeedles, needlePattern, TOMBSTONE } from './scrub.js'
import { type TextColumn, textColumns } from './text-columns.js'

export type { ErasureTarget } from './person-target.js'

export type ErasureResult =
  | { readonly status: 'erased'; readonly participantId: string; readonly scrubbedRows: number }
  | { readonly status: 'already_erased'; readonly participantId: string | null }
  | { readonly status: 'not_found'; readonly scrubbedRows: number }

/**
 * Structured identity columns of other people: a shared full name must not erase a namesake, so
 * the name is replaced only in free text. Emails, contact ids and codes are unique: replaced everywhere.
 */
const IDENTITY_COLUMNS = new Set([
  'public.participants.name',
  'public.participants.first_name',
  'public.contact_snapshots.name',
  'public.webhook_notifications.payload',
])

/**
 * Forgets a person in one workspace, in one transaction: their row stays as a tombstone so counts,
 * reward amounts and the event chain hold, but their email, name, contact id, codes, snapshot,
 * click hashes and every mention in free text, stored webhooks and jobs are gone. Keyed hashes of
 * their email, contact id and codes stay, so nothing brings them back and old links answer 410.
 * A second run finds nothing left and answers `already_erased`.
 */
export async function erasePerson(
  db: Db,
  input: { workspaceId: string; target: ErasureTarget; actor: Actor; reason?: string | null },
): Promise<ErasureResult> {
  const salt = await privacySalt(db)
  const columns = await textColumns(db)
  return db.transaction().execute(async (trx) => {
    const { workspaceId, target } = input
    const person = await lockPerson(trx, workspaceId, target)
    if (!person) {
      const hashes = personHashes(salt, workspaceId, target)
      const known =
        hashes.length > 0 &&
        (await trx
          .selectFrom('erased_identities')
          .select('identity_hash')
          .where('workspace_id', '=', workspaceId)
          .where('identity_hash', 'in', hashes)
          .executeTakeFirst())
      if (known) return { status: 'already_erased', participantId: null }
      if (target.participantId && UUID.test(target.participantId)) {
        const tomb = await trx
          .selectFrom('participants')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', target.participantId)
          .where('erased_at', 'is not', null)
          .executeTakeFirst()
        if (tomb) return { status: 'already_erased', participantId: tomb.id }
      }
      // Nobody in the ledger, but Intercom may have told us about the contact: forget that too.
      const needles = [target.contactId, target.email].filter((v): v is string => Boolean(v))
      const scrubbedRows = await scrubEverywhere(trx, columns, workspaceId, {
        contactId: target.contactId ?? null,
        unique: needles,
        name: null,
      })
      return { status: 'not_found', scrubbedRows }
    }

    const codes = await trx
      .selectFrom('referral_codes')
      .select(['id', 'code', 'code_normalized'])
      .where('workspace_id', '=', workspaceId)
      .where('referrer_id', 'in', (eb) =>
        eb.selectFrom('referrers').select('id').where('participant_id', '=', person.id),
      )
      .execute()

    const hashes = [
      ...personHashes(salt, workspaceId, { contactId: person.contact_id, email: person.email }),
      ...codes.map((code) => identityHash(salt, 'code', normalizeCode(code.code), workspaceId)),
    ]
    const normalized = tryNormalizeEmail(person.email)?.normalized
    if (person.email_normalized && person.email_normalized !== normalized)
      hashes.push(identityHash(salt, 'email', person.email_normalized, workspaceId))
    const kinds = hashKinds(salt, workspaceId, person, codes)
    if (hashes.length > 0) {
      await trx
        .insertInto('erased_identities')
        .values(
          hashes.map((hash) => ({
            workspace_id: workspaceId,
            identity_hash: hash,
            kind: kinds.get(hash) ?? 'email',
          })),
        )
        .onConflict((oc) => oc.columns(['workspace_id', 'identity_hash']).doNothing())
        .execute()
    }

    // Structured rows first: the tombstone person, their codes, snapshot, clicks, queued writes.
    await trx
      .updateTable('participants')
      .set({
        contact_id: null,
        email: null,
        email_normalized: null,
        email_plus_addressed: false,
        name: null,
        first_name: null,
        erased_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', person.id)
      .execute()
    for (const code of codes) {
      const tombstone = `erased.${randomBytes(8).toString('hex')}`
      await trx
        .updateTable('referral_codes')
        .set({ code: tombstone, code_normalized: tombstone })
        .where('id', '=', code.id)
        .execute()
    }
    if (codes.length > 0) {
      await trx
        .updateTable('link_clicks')
        .set({ visitor_hash: null })
        .where('workspace_id', '=', workspaceId)
        .where(
          'code_id',
          'in',
          codes.map((code) => code.id),
        )
        .where('visitor_hash', 'is not', null)
        .execute()
    }
    if (person.contact_id) {
      await trx
        .deleteFrom('contact_snapshots')
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', person.contact_id)
        .execute()
    }
    await trx
      .deleteFrom('pending_contact_writes')
      .where('workspace_id', '=', workspaceId)
      .where('participant_id', '=', person.id)
      .execute()
    await trx
      .deleteFrom('contact_write_dead_letters')
      .where('workspace_id', '=', workspaceId)
      .where('participant_id', '=', person.id)
      .execute()
    // The PayPal address they confirmed for cash rewards may differ from their contact e-mail.
    const payoutAddress = await trx
      .deleteFrom('payout_addresses')
      .where('workspace_id', '=', workspaceId)
      .where('participant_id', '=', person.id)
      .returning('email')
      .executeTakeFirst()

    const unique = [
      payoutAddress?.email,
      person.email,
      person.email_normalized,
      person.contact_id,
      ...codes.map((code) => code.code),
    ].filter((value): value is string => Boolean(value))
    const scrubbedRows = await scrubEverywhere(trx, columns, workspaceId, {
      contactId: person.contact_id,
      unique,
      name: person.name,
    })
    // Their Intercom contact keeps our attributes until the write-back clears them: queued here,
    // after the scrub, so the contact id it needs survives until that write is done.
    if (person.contact_id)
      await markContactErased(trx, workspaceId, person.id, person.contact_id)

    await recordEvent(trx, {
      workspaceId,
      type: 'participant.erased',
      subject: { type: 'participant', id: person.id },
      actor: input.actor,
      data: {
        reason: input.reason ?? null,
        codes: codes.length,
        scrubbedRows,
      },
    })
    return { status: 'erased', participantId: person.id, scrubbedRows }
  })
}

type PersonRow = {
  id: string
  contact_id: string | null
  email: string | null
  email_normalized: string | null
  name: string | null
}

async function lockPerson(
  trx: Trx,
  workspaceId: string,
  target: ErasureTarget,
): Promise<PersonRow | undefined> {
  const matching = matchingPerson(target)
  if (!matching) return undefined
  return trx
    .selectFrom('participants')
    .select(['id', 'contact_id', 'email', 'email_normalized', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .where(matching)
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst()
}

function hashKinds(
  salt: Buffer,
  workspaceId: string,
  person: PersonRow,
  codes: readonly { code: string }[],
): Map<string, 'email' | 'contact' | 'code'> {
  const kinds = new Map<string, 'email' | 'contact' | 'code'>()
  if (person.contact_id)
    kinds.set(identityHash(salt, 'contact', person.contact_id, workspaceId), 'contact')
  for (const code of codes)
    kinds.set(identityHash(salt, 'code', normalizeCode(code.code), workspaceId), 'code')
  return kinds
}

/**
 * Replaces the person's identifiers in every text and JSON column of the workspace's rows (and
 * in the job queue's jobs); stored webhooks about the contact lose their payload altogether.
 * Events are rewritten under the append-only trigger's one exception (see the privacy migration).
 */
async function scrubEverywhere(
  trx: Trx,
  columns: readonly TextColumn[],
  workspaceId: string,
  needles: { contactId: string | null; unique: string[]; name: string | null },
): Promise<number> {
  await sql`select set_config('referrals.erasure_workspace', ${workspaceId}, true)`.execute(trx)
  let rows = 0
  if (needles.unique.length > 0) {
    const pattern = needlePattern(jsonNeedles(needles.unique))
    const wiped = await sql`
      update webhook_notifications
      set payload = ${JSON.stringify({ erased: true })}::jsonb, plan = null, outcome = null,
        status = case when status in ('received', 'planned') then 'skipped' else status end,
        processed_at = coalesce(processed_at, now())
      where workspace_id = ${workspaceId}
        and (payload::text ~* ${pattern} or coalesce(plan::text, '') ~* ${pattern}
          or coalesce(outcome::text, '') ~* ${pattern})`.execute(trx)
    rows += Number(wiped.numAffectedRows ?? 0)
  }
  const unique = needles.unique
  const withName = needles.name ? [...unique, needles.name] : unique
  for (const column of columns) {
    const key = `${column.schema}.${column.table}.${column.column}`
    if (column.schema === 'public' && !column.scoped) continue
    const list = IDENTITY_COLUMNS.has(key) ? unique : withName
    if (list.length === 0) continue
    rows += await replaceIn(trx, column, workspaceId, list)
  }
  return rows
}

async function replaceIn(
  trx: Trx,
  column: TextColumn,
  workspaceId: string,
  needles: readonly string[],
): Promise<number> {
  const pattern = needlePattern(column.json ? jsonNeedles(needles) : [...needles])
  if (!pattern) return 0
  const table = sql.table(`${column.schema}.${column.table}`)
  const ref = sql.ref(column.column)
  const scope = column.scoped ? sql`workspace_id = ${workspaceId} and` : sql``
  const result = column.json
    ? await sql`
        update ${table} set ${ref} = regexp_replace(${ref}::text, ${pattern}, ${TOMBSTONE}, 'gi')::jsonb
        where ${scope} ${ref}::text ~* ${pattern}`.execute(trx)
    : await sql`
        update ${table} set ${ref} = regexp_replace(${ref}, ${pattern}, ${TOMBSTONE}, 'gi')
        where ${scope} ${ref} ~* ${pattern}`.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}
