import { sql } from 'kysely'
import type { Db } from '../db-types.js'
import { type ErasureTarget, matchingPerson } from './person-target.js'

/** Everything the app holds about one person in one workspace, for a subject-access request. */
export interface PersonExport {
  readonly format: 'referrals-person-export/1'
  readonly exportedAt: string
  readonly workspaceId: string
  readonly person: Record<string, unknown>
  readonly referrers: Record<string, unknown>[]
  readonly referralCodes: Record<string, unknown>[]
  readonly linkClicks: Record<string, unknown>[]
  /** Referrals this person made; friends appear by ledger id only (they are other people). */
  readonly referralsMade: Record<string, unknown>[]
  /** The referral that brought this person in, per campaign. */
  readonly referralsReceived: Record<string, unknown>[]
  readonly rewards: Record<string, unknown>[]
  readonly contactSnapshots: Record<string, unknown>[]
  readonly webhookNotifications: Record<string, unknown>[]
  readonly pendingContactWrites: Record<string, unknown>[]
  readonly contactWriteDeadLetters: Record<string, unknown>[]
  readonly events: Record<string, unknown>[]
}

/** The person's export, or null when the workspace holds nobody by that id, contact id or email. */
export async function exportPerson(
  db: Db,
  input: { workspaceId: string; target: ErasureTarget },
): Promise<PersonExport | null> {
  const { workspaceId, target } = input
  const matching = matchingPerson(target)
  if (!matching) return null
  const person = await db
    .selectFrom('participants')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(matching)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  if (!person) return null

  const referrers = await db
    .selectFrom('referrers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', person.id)
    .execute()
  const referrerIds = referrers.map((row) => row.id)
  const referralCodes = referrerIds.length
    ? await db
        .selectFrom('referral_codes')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('referrer_id', 'in', referrerIds)
        .execute()
    : []
  const linkClicks = referrerIds.length
    ? await db
        .selectFrom('link_clicks')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('referrer_id', 'in', referrerIds)
        .orderBy('id')
        .execute()
    : []
  const referralsMade = await db
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('referrer_participant_id', '=', person.id)
    .orderBy('created_at')
    .execute()
  const referralsReceived = await db
    .selectFrom('referrals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('friend_participant_id', '=', person.id)
    .orderBy('created_at')
    .execute()
  const rewards = await db
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', person.id)
    .orderBy('created_at')
    .execute()
  const contactSnapshots = person.contact_id
    ? await db
        .selectFrom('contact_snapshots')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('contact_id', '=', person.contact_id)
        .execute()
    : []
  const mentions = [person.contact_id, person.email_normalized].filter((v): v is string =>
    Boolean(v),
  )
  const webhookNotifications = mentions.length
    ? await db
        .selectFrom('webhook_notifications')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or(
            mentions.map((value) =>
              eb(sql`payload::text`, 'ilike', `%${JSON.stringify(value).slice(1, -1)}%`),
            ),
          ),
        )
        .orderBy('received_at')
        .execute()
    : []
  const pendingContactWrites = await db
    .selectFrom('pending_contact_writes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', person.id)
    .execute()
  const contactWriteDeadLetters = await db
    .selectFrom('contact_write_dead_letters')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', person.id)
    .execute()
  const subjects = [
    person.id,
    ...referrerIds,
    ...referralsMade.map((row) => row.id),
    ...referralsReceived.map((row) => row.id),
    ...rewards.map((row) => row.id),
  ]
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('subject_id', 'in', subjects),
        ...(person.contact_id
          ? [eb.and([eb('actor_type', '=', 'contact'), eb('actor_id', '=', person.contact_id)])]
          : []),
      ]),
    )
    .orderBy('id')
    .execute()

  return {
    format: 'referrals-person-export/1',
    exportedAt: new Date().toISOString(),
    workspaceId,
    person: { ...person },
    referrers: referrers.map((row) => ({ ...row })),
    referralCodes: referralCodes.map((row) => ({ ...row })),
    linkClicks: linkClicks.map((row) => ({ ...row })),
    referralsMade: referralsMade.map((row) => ({ ...row })),
    referralsReceived: referralsReceived.map((row) => ({ ...row })),
    rewards: rewards.map((row) => ({ ...row })),
    contactSnapshots: contactSnapshots.map((row) => ({ ...row })),
    webhookNotifications: webhookNotifications.map((row) => ({ ...row })),
    pendingContactWrites: pendingContactWrites.map((row) => ({ ...row })),
    contactWriteDeadLetters: contactWriteDeadLetters.map((row) => ({ ...row })),
    events: events.map((row) => ({ ...row })),
  }
}
