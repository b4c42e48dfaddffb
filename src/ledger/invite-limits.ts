import { sql } from 'kysely'
import type { CampaignSettings } from './campaign-settings.js'
import type { Db } from './db-types.js'
import { tryNormalizeEmail } from './emails.js'
import type { PersonInput } from './types.js'

export type InviteRefusal = 'per_referrer' | 'per_workspace' | 'recently_invited'

/**
 * Why an invitation may not be sent now, or null. Reads are bounded by the limit (an index range
 * of at most limit + 1 rows). Checked before the invite's own transaction, so two invitations
 * racing at the very edge of a limit can both pass: these limits curb abuse, they are not a quota.
 */
export async function inviteRefusal(
  db: Db,
  input: {
    workspaceId: string
    settings: CampaignSettings['invites']
    referrer: PersonInput
    friendEmail: string
  },
): Promise<InviteRefusal | null> {
  const { workspaceId, settings } = input
  const referrer = await participantIdOf(db, workspaceId, input.referrer)
  if (referrer) {
    const sent = await countRecent(
      db
        .selectFrom('referrals')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('referrer_participant_id', '=', referrer)
        .where('source', '=', 'invite')
        .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
        .limit(settings.perReferrerPerDay),
    )
    if (sent >= settings.perReferrerPerDay) return 'per_referrer'
  }
  const workspaceSent = await countRecent(
    db
      .selectFrom('referrals')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('source', '=', 'invite')
      .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
      .limit(settings.perWorkspacePerHour),
  )
  if (workspaceSent >= settings.perWorkspacePerHour) return 'per_workspace'
  if (settings.reinviteAfterDays > 0) {
    const friend = await participantIdOf(db, workspaceId, { email: input.friendEmail })
    if (friend) {
      const recent = await db
        .selectFrom('referrals')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('friend_participant_id', '=', friend)
        .where('source', '=', 'invite')
        // The same customer asking again is told it worked: it did, once, and nothing is resent.
        .$if(referrer !== null, (q) => q.where('referrer_participant_id', '!=', referrer!))
        .where(
          'created_at',
          '>',
          sql<Date>`now() - make_interval(days => ${settings.reinviteAfterDays})`,
        )
        .executeTakeFirst()
      if (recent) return 'recently_invited'
    }
  }
  return null
}

async function countRecent(query: { execute(): Promise<{ id: string }[]> }): Promise<number> {
  return (await query.execute()).length
}

async function participantIdOf(
  db: Db,
  workspaceId: string,
  person: PersonInput,
): Promise<string | null> {
  const email = tryNormalizeEmail(person.email)?.normalized
  const contactId = person.contactId?.trim()
  if (!email && !contactId) return null
  const row = await db
    .selectFrom('participants')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      contactId ? eb('contact_id', '=', contactId) : eb('email_normalized', '=', email!),
    )
    .executeTakeFirst()
  return row?.id ?? null
}
