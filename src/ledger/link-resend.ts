import { sql } from 'kysely'
import type { Db } from './db-types.js'
import { recordEvent } from './events.js'
import type { Actor } from './types.js'

/** The ledger event of a resent link; its data event carries the link (intercom/data-events). */
export const LINK_RESENT = 'referrer.link_resent'

/** One resend per referrer in this many minutes: a second click, a second tab or a bored finger. */
export const LINK_RESEND_MINUTES = 5

export type LinkResendOutcome =
  | { readonly kind: 'sent'; readonly at: Date }
  | { readonly kind: 'too-soon'; readonly lastAt: Date; readonly nextAt: Date }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'blocked' }
  /** The referrer is not (yet) a contact in Intercom: nothing could reach them. */
  | { readonly kind: 'no-contact' }
  /** The workspace has no Intercom connection: nothing is sent anywhere. */
  | { readonly kind: 'not-connected' }

/**
 * Sends a referrer their referral link again, by recording it in the ledger: the data-event
 * pipeline owes the referrer `referral-link-sent` with their link, sent to their Intercom contact
 * after their attributes (where `referral_link` is written again too). The referrer's row is
 * locked while the last resend is read, so two requests at once send once.
 */
export async function resendReferralLink(
  db: Db,
  input: { readonly workspaceId: string; readonly referrerId: string; readonly actor: Actor },
): Promise<LinkResendOutcome> {
  if (!/^[0-9a-f-]{36}$/i.test(input.referrerId)) return { kind: 'not-found' }
  return db.transaction().execute(async (trx) => {
    const referrer = await trx
      .selectFrom('referrers')
      .innerJoin('participants', 'participants.id', 'referrers.participant_id')
      .innerJoin('workspaces', 'workspaces.id', 'referrers.workspace_id')
      .select([
        'referrers.id',
        'referrers.blocked_at',
        'participants.contact_id',
        'participants.erased_at',
        'workspaces.access_token_ciphertext',
      ])
      .where('referrers.workspace_id', '=', input.workspaceId)
      .where('referrers.id', '=', input.referrerId)
      .forUpdate('referrers')
      .executeTakeFirst()
    if (!referrer || referrer.erased_at) return { kind: 'not-found' } as const
    if (referrer.blocked_at) return { kind: 'blocked' } as const
    if (!referrer.access_token_ciphertext) return { kind: 'not-connected' } as const
    if (!referrer.contact_id) return { kind: 'no-contact' } as const
    const last = await trx
      .selectFrom('events')
      .select([
        'created_at',
        sql<Date>`now()`.as('now'),
        sql<Date>`created_at + make_interval(mins => ${LINK_RESEND_MINUTES})`.as('next_at'),
      ])
      .where('workspace_id', '=', input.workspaceId)
      .where('subject_type', '=', 'referrer')
      .where('subject_id', '=', referrer.id)
      .where('type', '=', LINK_RESENT)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (last && new Date(last.next_at) > new Date(last.now))
      return {
        kind: 'too-soon',
        lastAt: new Date(last.created_at),
        nextAt: new Date(last.next_at),
      } as const
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: LINK_RESENT,
      subject: { type: 'referrer', id: referrer.id },
      actor: input.actor,
    })
    return { kind: 'sent', at: new Date() } as const
  })
}
