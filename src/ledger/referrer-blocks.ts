import { sql } from 'kysely'
import type { Db, Trx } from './db-types.js'
import { InvalidTransitionError } from './errors.js'
import { recordEvent } from './events.js'
import { lockReferrer } from './referrers.js'
import type { Actor } from './types.js'

/** Why a blocked referrer's new referrals wait for review (the review reason they carry). */
export const BLOCKED_REVIEW_REASON = 'referrer blocked by an agent'

/**
 * An agent blocks a referrer they suspect of abuse: their new referrals are held for review and
 * their link says the programme is unavailable. What they earned so far stays on the record.
 */
export async function blockReferrer(
  db: Db,
  input: { workspaceId: string; referrerId: string; reason: string; actor: Actor },
): Promise<{ changed: boolean }> {
  const reason = input.reason.trim()
  if (!reason) throw new InvalidTransitionError('Blocking a referrer needs a reason.')
  return db.transaction().execute(async (trx) => {
    const row = await lockReferrer(trx, input.workspaceId, input.referrerId)
    if (row.blocked_at) return { changed: false }
    await trx
      .updateTable('referrers')
      .set({ blocked_at: sql<Date>`now()`, blocked_reason: reason.slice(0, 500) })
      .where('id', '=', row.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referrer.blocked',
      subject: { type: 'referrer', id: row.id },
      actor: input.actor,
      data: { reason },
    })
    return { changed: true }
  })
}

export async function unblockReferrer(
  db: Db,
  input: { workspaceId: string; referrerId: string; reason?: string | null; actor: Actor },
): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await lockReferrer(trx, input.workspaceId, input.referrerId)
    if (!row.blocked_at) return { changed: false }
    await trx
      .updateTable('referrers')
      .set({ blocked_at: null, blocked_reason: null })
      .where('id', '=', row.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referrer.unblocked',
      subject: { type: 'referrer', id: row.id },
      actor: input.actor,
      data: { reason: input.reason?.trim() || null },
    })
    return { changed: true }
  })
}

/** The review reason a new referral of this referrer gets because they are blocked, or null. */
export async function blockedReviewReason(trx: Trx, referrerId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('referrers')
    .select('blocked_at')
    .where('id', '=', referrerId)
    .executeTakeFirst()
  return row?.blocked_at ? BLOCKED_REVIEW_REASON : null
}
