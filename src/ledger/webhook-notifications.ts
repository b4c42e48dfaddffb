import { sql } from 'kysely'
import type { NotificationStatus } from '../../db/tables/webhook-notifications.js'
import type { Db, Trx } from './db-types.js'
import { isUuid } from './campaigns.js'

export interface StoredNotification {
  readonly id: string
  readonly workspaceId: string
  readonly notificationId: string
  readonly topic: string
  readonly notifiedAt: Date
  readonly payload: unknown
  readonly status: NotificationStatus
  readonly plan: unknown
  readonly outcome: unknown
}

export interface IncomingNotification {
  readonly workspaceId: string
  readonly notificationId: string
  readonly topic: string
  readonly notifiedAt: Date
  /** The notification's JSON text, as received. */
  readonly payloadJson: string
}

/**
 * The webhook ack's one statement, for every ack waiting at that moment: stores each notification
 * once per (workspace, Intercom notification id). Answers, in order, whether each was new (false
 * for a redelivery, or a second copy in the same batch). The processor finds them by their status
 * (the table is the queue: claimNotifications).
 */
export async function acceptNotifications(
  db: Db,
  notifications: readonly IncomingNotification[],
): Promise<boolean[]> {
  if (notifications.length === 0) return []
  const inserted = await db
    .insertInto('webhook_notifications')
    .values(
      notifications.map((input) => ({
        workspace_id: input.workspaceId,
        notification_id: input.notificationId,
        topic: input.topic,
        notified_at: input.notifiedAt,
        payload: input.payloadJson,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'notification_id']).doNothing())
    .returning(['workspace_id', 'notification_id'])
    .execute()
  const created = new Set(inserted.map((row) => `${row.workspace_id}\u0000${row.notification_id}`))
  return notifications.map((input) =>
    created.delete(`${input.workspaceId}\u0000${input.notificationId}`),
  )
}

/** A claimed notification and the contact it is about (null when the payload names none). */
export interface ClaimedNotification {
  readonly id: string
  readonly contactKey: string | null
}

/**
 * Claims up to `limit` unfinished notifications, oldest first, for `leaseSeconds` (one statement;
 * SKIP LOCKED so instances never wait on each other's claims). A claim that outlives its lease
 * (its instance died) is claimed again. Each comes with its contact (workspace and Intercom
 * contact id), so that the processor keeps one contact's notifications together and in order.
 */
export async function claimNotifications(
  db: Db,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedNotification[]> {
  const { rows } = await sql<{ id: string; workspace_id: string; contact_id: string | null }>`
    update webhook_notifications
       set claimed_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
     where id in (select id from webhook_notifications
                   where status in ('received', 'planned') and claimed_until < now()
                   order by received_at
                   limit ${limit}
                     for update skip locked)
    returning id, workspace_id, payload #>> '{data,item,id}' as contact_id, received_at`.execute(db)
  return rows
    .map((row) => row as typeof row & { received_at: Date | string })
    .sort((a, b) => new Date(a.received_at).getTime() - new Date(b.received_at).getTime())
    .map((row) => ({
      id: row.id,
      contactKey: row.contact_id ? `${row.workspace_id}\u0000${row.contact_id}` : null,
    }))
}

/** A failed attempt: tried again after a backoff that grows with its attempts (5 s to 5 min). */
export async function retryNotificationLater(db: Db, id: string): Promise<void> {
  await sql`
    update webhook_notifications
       set claimed_until = now() + make_interval(secs => least(300, 5 * power(2, least(attempts, 10) - 1)))
     where id = ${id}::uuid and status in ('received', 'planned')`.execute(db)
}

/** Notifications not yet fully processed, across workspaces (the processing backlog). */
export async function pendingNotificationCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('webhook_notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['received', 'planned'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** When the oldest notification not yet fully processed arrived (null: none waits). */
export async function oldestWaitingNotificationAt(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('webhook_notifications')
    .select((eb) => eb.fn.min('received_at').as('oldest'))
    .where('status', 'in', ['received', 'planned'])
    .executeTakeFirst()
  return row?.oldest ? new Date(row.oldest) : null
}

/** The notification, locked for the rest of the transaction (one processor at a time moves it on). */
export async function lockNotification(trx: Trx, id: string): Promise<StoredNotification | null> {
  if (!isUuid(id)) return null
  const row = await trx
    .selectFrom('webhook_notifications')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    notificationId: row.notification_id,
    topic: row.topic,
    notifiedAt: row.notified_at,
    payload: row.payload,
    status: row.status,
    plan: row.plan,
    outcome: row.outcome,
  }
}

/** Every notification of a workspace not yet fully processed, oldest first (tests, the operator). */
export async function unprocessedNotificationIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_notifications')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['received', 'planned'])
    .orderBy('received_at')
    .limit(1000)
    .execute()
  return rows.map((row) => row.id)
}

export async function markNotification(
  trx: Trx,
  id: string,
  change: { status: NotificationStatus; plan?: unknown; outcome?: unknown },
): Promise<void> {
  const done = change.status === 'processed' || change.status === 'skipped'
  await trx
    .updateTable('webhook_notifications')
    .set({
      status: change.status,
      ...(change.plan === undefined ? {} : { plan: JSON.stringify(change.plan) }),
      ...(change.outcome === undefined ? {} : { outcome: JSON.stringify(change.outcome) }),
      ...(done ? { processed_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/**
 * Several notifications locked at once for the rest of the transaction (one statement, in id
 * order, so two transactions never wait on each other's locks crosswise), by id.
 */
export async function lockNotifications(
  trx: Trx,
  ids: readonly string[],
): Promise<Map<string, StoredNotification>> {
  const valid = [...new Set(ids.filter(isUuid))].sort()
  const found = new Map<string, StoredNotification>()
  if (valid.length === 0) return found
  // An array parameter, not a list: one statement text whatever the number (prepared once).
  const rows = await trx
    .selectFrom('webhook_notifications')
    .selectAll()
    .where(sql<boolean>`id = any(${valid}::uuid[])`)
    .orderBy('id')
    .forUpdate()
    .execute()
  for (const row of rows)
    found.set(row.id, {
      id: row.id,
      workspaceId: row.workspace_id,
      notificationId: row.notification_id,
      topic: row.topic,
      notifiedAt: row.notified_at,
      payload: row.payload,
      status: row.status,
      plan: row.plan,
      outcome: row.outcome,
    })
  return found
}

export interface NotificationChange {
  readonly id: string
  readonly status: NotificationStatus
  /** Kept as it is when undefined. */
  readonly plan?: unknown
  readonly outcome?: unknown
}

/** markNotification for several notifications in one statement (a shared transaction's end). */
export async function markNotifications(
  trx: Trx,
  changes: readonly NotificationChange[],
): Promise<void> {
  if (changes.length === 0) return
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
  // Arrays, not a VALUES list: one statement text whatever the number (prepared once).
  await sql`
    update webhook_notifications as w
       set status = v.status,
           plan = coalesce(v.plan::jsonb, w.plan),
           outcome = coalesce(v.outcome::jsonb, w.outcome),
           processed_at = case when v.status in ('processed', 'skipped') then now() else w.processed_at end
      from unnest(${changes.map((change) => change.id)}::uuid[],
                  ${changes.map((change) => change.status)}::text[],
                  ${changes.map((change) => json(change.plan))}::text[],
                  ${changes.map((change) => json(change.outcome))}::text[])
        as v(id, status, plan, outcome)
     where w.id = v.id`.execute(trx)
}
