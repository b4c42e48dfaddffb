import type { Db } from './db-types.js'
import { recordEvent } from './events.js'
import type { Actor } from './types.js'

/** Whether Intl (and so the dashboard's list) knows this IANA zone; UTC always. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC') return true
  return Intl.supportedValuesOf('timeZone').includes(zone)
}

/** The zone a workspace counts its days in (analytics); UTC until someone picks one. */
export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', workspaceId)
    .executeTakeFirst()
  return row?.time_zone ?? 'UTC'
}

/** Sets a workspace's time zone (the caller checked it with isKnownTimeZone); noted in the ledger. */
export async function setWorkspaceTimeZone(
  db: Db,
  input: { readonly workspaceId: string; readonly timeZone: string; readonly actor: Actor },
): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('workspaces')
      .select('time_zone')
      .where('id', '=', input.workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (before.time_zone === input.timeZone) return { changed: false }
    await trx
      .updateTable('workspaces')
      .set({ time_zone: input.timeZone, updated_at: new Date() })
      .where('id', '=', input.workspaceId)
      .execute()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'workspace.time_zone_changed',
      subject: { type: 'workspace', id: input.workspaceId },
      actor: input.actor,
      data: { from: before.time_zone, to: input.timeZone },
    })
    return { changed: true }
  })
}
