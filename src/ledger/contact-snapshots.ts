import { sql } from 'kysely'
import type { ContactSnapshotRow } from '../../db/tables/contact-snapshots.js'
import type { Db, Trx } from './db-types.js'

/** A contact as the latest webhook described it; `attributes` holds its other top-level fields. */
export interface ContactSnapshot extends ContactState {
  readonly workspaceId: string
  readonly contactId: string
  readonly lastNotificationAt: Date | null
  readonly lastNotificationId: string | null
}

export interface ContactState {
  readonly role: string | null
  readonly email: string | null
  readonly name: string | null
  readonly customAttributes: Record<string, unknown>
  readonly attributes: Record<string, unknown>
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function toSnapshot(row: ContactSnapshotRow): ContactSnapshot {
  return {
    workspaceId: row.workspace_id,
    contactId: row.contact_id,
    lastNotificationAt: row.last_notification_at,
    lastNotificationId: row.last_notification_id,
    role: row.role,
    email: row.email,
    name: row.name,
    customAttributes: asRecord(row.custom_attributes),
    attributes: asRecord(row.standard_attributes),
  }
}

/**
 * The latest known state of a contact (e.g. a sale value for a commission), or null when no
 * webhook has described it yet. Pass the transaction when called inside one.
 */
export async function latestContactSnapshot(
  db: Db,
  workspaceId: string,
  contactId: string,
): Promise<ContactSnapshot | null> {
  const row = await db
    .selectFrom('contact_snapshots')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst()
  return row ? toSnapshot(row) : null
}

/**
 * Locks the contact's snapshot row for the rest of the transaction, creating an empty one first, so
 * notifications about one contact are planned one after another. `isNew` = no state was known yet.
 */
export async function lockContactSnapshot(
  trx: Trx,
  workspaceId: string,
  contactId: string,
): Promise<{ snapshot: ContactSnapshot; isNew: boolean }> {
  // One statement: the no-op update on conflict takes the row lock (as SELECT … FOR UPDATE would)
  // and returns the row as it is.
  const row = await trx
    .insertInto('contact_snapshots')
    .values({ workspace_id: workspaceId, contact_id: contactId })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'contact_id'])
        .doUpdateSet({ contact_id: (eb) => eb.ref('excluded.contact_id') }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return { snapshot: toSnapshot(row), isNew: row.last_notification_at === null }
}

export async function saveContactSnapshot(
  trx: Trx,
  input: {
    workspaceId: string
    contactId: string
    notificationId: string
    notifiedAt: Date
    state: ContactState
  },
): Promise<void> {
  await trx
    .updateTable('contact_snapshots')
    .set({
      last_notification_at: input.notifiedAt,
      last_notification_id: input.notificationId,
      role: input.state.role,
      email: input.state.email,
      name: input.state.name,
      custom_attributes: JSON.stringify(input.state.customAttributes),
      standard_attributes: JSON.stringify(input.state.attributes),
      updated_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', '=', input.contactId)
    .execute()
}

/**
 * lockContactSnapshot for several contacts of a workspace in one statement (in contact id order,
 * so concurrent transactions never wait on each other crosswise), by contact id.
 */
export async function lockContactSnapshots(
  trx: Trx,
  workspaceId: string,
  contactIds: readonly string[],
): Promise<Map<string, { snapshot: ContactSnapshot; isNew: boolean }>> {
  const unique = [...new Set(contactIds)].sort()
  const locked = new Map<string, { snapshot: ContactSnapshot; isNew: boolean }>()
  if (unique.length === 0) return locked
  const rows = await trx
    .insertInto('contact_snapshots')
    .values(unique.map((contactId) => ({ workspace_id: workspaceId, contact_id: contactId })))
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'contact_id'])
        .doUpdateSet({ contact_id: (eb) => eb.ref('excluded.contact_id') }),
    )
    .returningAll()
    .execute()
  for (const row of rows)
    locked.set(row.contact_id, {
      snapshot: toSnapshot(row),
      isNew: row.last_notification_at === null,
    })
  return locked
}

export type SnapshotWrite = Parameters<typeof saveContactSnapshot>[1]

/** saveContactSnapshot for several contacts (each once) in one statement. */
export async function saveContactSnapshots(
  trx: Trx,
  inputs: readonly SnapshotWrite[],
): Promise<void> {
  if (inputs.length === 0) return
  const column = <T>(read: (input: SnapshotWrite) => T) => inputs.map(read)
  // Arrays, not a VALUES list: one statement text whatever the number (prepared once).
  await sql`
    update contact_snapshots as s
       set last_notification_at = v.notified_at,
           last_notification_id = v.notification_id,
           role = v.role,
           email = v.email,
           name = v.name,
           custom_attributes = v.custom_attributes::jsonb,
           standard_attributes = v.standard_attributes::jsonb,
           updated_at = now()
      from unnest(${column((input) => input.workspaceId)}::text[],
                  ${column((input) => input.contactId)}::text[],
                  ${column((input) => input.notifiedAt.toISOString())}::timestamptz[],
                  ${column((input) => input.notificationId)}::text[],
                  ${column((input) => input.state.role)}::text[],
                  ${column((input) => input.state.email)}::text[],
                  ${column((input) => input.state.name)}::text[],
                  ${column((input) => JSON.stringify(input.state.customAttributes))}::text[],
                  ${column((input) => JSON.stringify(input.state.attributes))}::text[])
        as v(workspace_id, contact_id, notified_at, notification_id, role, email, name, custom_attributes, standard_attributes)
     where s.workspace_id = v.workspace_id and s.contact_id = v.contact_id`.execute(trx)
}
