import { generateCode, normalizeCode } from './codes.js'
import { markContactsChanged } from './contact-changes.js'
import type { Trx } from './db-types.js'
import { tryNormalizeEmail } from './emails.js'
import { toParticipant, toReferrer } from './mappers.js'
import { notifyEnrolled } from './referrers.js'
import type { Actor, Campaign, Participant, PersonInput } from './types.js'

const MAX_CODE_ROUNDS = 25

export interface BulkEnrolment {
  /** Referrers created by this call. */
  readonly enrolled: number
  /** People who already were referrers of the campaign. */
  readonly existing: number
  /**
   * People the set-based path leaves to the one-by-one path (ensureParticipant + enrolReferrer):
   * no contact id, an identity shared with another row or another person of the batch, or a row
   * that appeared concurrently. Rare in an import, and always correct there.
   */
  readonly leftOver: PersonInput[]
}

interface Candidate {
  readonly contactId: string
  readonly email: ReturnType<typeof tryNormalizeEmail>
  readonly rawEmail: string | null
  readonly name: string | null
}

/** The person as given, for the one-by-one path. */
function personOf(candidate: Candidate): PersonInput {
  return { contactId: candidate.contactId, email: candidate.rawEmail, name: candidate.name }
}

function firstNameOf(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null
}

/**
 * Enrols a batch of people (a page of an import) as referrers of a campaign in a few set-based
 * statements inside the caller's transaction: the same rows, events and write-back marks as
 * enrolReferrer, person by person, but a page of 150 costs a handful of round trips, not 1,500.
 */
export async function enrolPeopleInBulk(
  trx: Trx,
  input: {
    campaign: Campaign
    people: readonly PersonInput[]
    source: string
    actor: Actor
    /** background: the writes of these new links wait for live ones (imports, the backfill). */
    priority?: 'live' | 'background'
  },
): Promise<BulkEnrolment> {
  const { campaign } = input
  const workspaceId = campaign.workspaceId
  const leftOver: PersonInput[] = []
  const candidates = new Map<string, Candidate>()
  const seenEmails = new Set<string>()
  for (const person of input.people) {
    const contactId = person.contactId?.trim()
    const email = tryNormalizeEmail(person.email)
    if (!contactId || candidates.has(contactId) || (email && seenEmails.has(email.normalized))) {
      leftOver.push(person)
      continue
    }
    if (email) seenEmails.add(email.normalized)
    candidates.set(contactId, {
      contactId,
      email,
      rawEmail: person.email?.trim() || null,
      name: person.name?.trim() || null,
    })
  }
  if (candidates.size === 0) return { enrolled: 0, existing: 0, leftOver }

  const known = await trx
    .selectFrom('participants')
    .leftJoin('referrers', (join) =>
      join
        .onRef('referrers.participant_id', '=', 'participants.id')
        .on('referrers.campaign_id', '=', campaign.id),
    )
    .selectAll('participants')
    .select('referrers.id as referrer_id')
    .where('participants.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('participants.contact_id', 'in', [...candidates.keys()]),
        ...(seenEmails.size > 0
          ? [eb('participants.email_normalized', 'in', [...seenEmails])]
          : []),
      ]),
    )
    .execute()

  let existing = 0
  const toEnrol: Participant[] = []
  const byContact = new Map(
    known.filter((row) => row.contact_id).map((row) => [row.contact_id!, row]),
  )
  const byEmail = new Map(
    known.filter((row) => row.email_normalized).map((row) => [row.email_normalized!, row]),
  )
  const toInsert: Candidate[] = []
  for (const candidate of candidates.values()) {
    const row = byContact.get(candidate.contactId)
    const emailRow = candidate.email ? byEmail.get(candidate.email.normalized) : undefined
    const fillsIn = (candidate.email && !row?.email_normalized) || (candidate.name && !row?.name)
    if (row && (!emailRow || emailRow.id === row.id) && !fillsIn) {
      if (row.referrer_id) existing += 1
      else toEnrol.push(toParticipant(row))
    } else if (!row && !emailRow) {
      toInsert.push(candidate)
    } else {
      // The email belongs to someone else, or to a row that still lacks this contact id.
      leftOver.push(personOf(candidate))
    }
  }

  if (toInsert.length > 0) {
    const inserted = await trx
      .insertInto('participants')
      .values(
        toInsert.map((candidate) => ({
          workspace_id: workspaceId,
          contact_id: candidate.contactId,
          email: candidate.email ? candidate.rawEmail : null,
          email_normalized: candidate.email?.normalized ?? null,
          email_plus_addressed: candidate.email?.plusAddressed ?? false,
          name: candidate.name,
          first_name: firstNameOf(candidate.name),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .execute()
    const insertedContacts = new Set(inserted.map((row) => row.contact_id))
    for (const candidate of toInsert) {
      if (!insertedContacts.has(candidate.contactId)) {
        leftOver.push(personOf(candidate))
      }
    }
    toEnrol.push(...inserted.map(toParticipant))
  }
  if (toEnrol.length === 0) return { enrolled: 0, existing, leftOver }

  const referrers = await trx
    .insertInto('referrers')
    .values(
      toEnrol.map((participant) => ({
        workspace_id: workspaceId,
        campaign_id: campaign.id,
        participant_id: participant.id,
        source: input.source,
      })),
    )
    .onConflict((oc) => oc.columns(['campaign_id', 'participant_id']).doNothing())
    .returningAll()
    .execute()
  existing += toEnrol.length - referrers.length
  const participantOf = new Map(toEnrol.map((participant) => [participant.id, participant]))

  const codes = new Map<string, string>()
  for (let round = 0; round < MAX_CODE_ROUNDS && codes.size < referrers.length; round++) {
    const waiting = referrers.filter((referrer) => !codes.has(referrer.id))
    const claimed = await trx
      .insertInto('referral_codes')
      .values(
        waiting.map((referrer) => {
          const participant = participantOf.get(referrer.participant_id)
          // After a few clashes on a popular name, random codes are the way out.
          const code = generateCode(
            participant?.firstName ?? participant?.name ?? participant?.email,
            round < 10 ? campaign.settings.codeStyle : 'random',
          )
          return {
            workspace_id: workspaceId,
            campaign_id: campaign.id,
            referrer_id: referrer.id,
            code,
            code_normalized: normalizeCode(code),
            is_primary: true,
          }
        }),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['referrer_id', 'code'])
      .execute()
    for (const row of claimed) codes.set(row.referrer_id, row.code)
  }
  if (codes.size < referrers.length) throw new Error('could not find free referral codes')

  await trx
    .insertInto('events')
    .values(
      referrers.map((referrer) => ({
        workspace_id: workspaceId,
        type: 'referrer.enrolled',
        subject_type: 'referrer',
        subject_id: referrer.id,
        actor_type: input.actor.type,
        actor_id: input.actor.id ?? null,
        data: JSON.stringify({
          participantId: referrer.participant_id,
          campaignId: campaign.id,
          code: codes.get(referrer.id),
          source: input.source,
        }),
      })),
    )
    .execute()
  await markContactsChanged(
    trx,
    workspaceId,
    referrers.map((referrer) => referrer.participant_id),
    { priority: input.priority ?? 'live' },
  )
  for (const row of referrers) {
    await notifyEnrolled(
      trx,
      toReferrer(row, codes.get(row.id)!),
      participantOf.get(row.participant_id)!,
      input.actor,
    )
  }
  return { enrolled: referrers.length, existing, leftOver }
}
