import { sql } from 'kysely'
import type { Db } from '../../ledger/db-types.js'

export interface DataEventActivity {
  readonly eventName: string
  /** Stored in the last 30 days (sent, waiting or failed). */
  readonly lastThirtyDays: number
  readonly sent: number
  readonly failed: number
  /** When the latest one was owed, or null when it never was. */
  readonly lastAt: Date | null
}

/** How often each data event was owed to this workspace's contacts lately, by name. */
export async function dataEventActivity(
  db: Db,
  workspaceId: string,
): Promise<Map<string, DataEventActivity>> {
  const rows = await db
    .selectFrom('intercom_event_outbox')
    .select([
      'event_name',
      sql<number>`count(*) filter (where created_at > now() - interval '30 days')::int`.as(
        'recent',
      ),
      sql<number>`count(*) filter (where status = 'sent' and created_at > now() - interval '30 days')::int`.as(
        'sent',
      ),
      sql<number>`count(*) filter (where status = 'failed' and created_at > now() - interval '30 days')::int`.as(
        'failed',
      ),
      sql<Date | null>`max(created_at)`.as('last_at'),
    ])
    .where('workspace_id', '=', workspaceId)
    .groupBy('event_name')
    .execute()
  return new Map(
    rows.map((row) => [
      row.event_name,
      {
        eventName: row.event_name,
        lastThirtyDays: row.recent,
        sent: row.sent,
        failed: row.failed,
        lastAt: row.last_at ? new Date(row.last_at) : null,
      },
    ]),
  )
}
