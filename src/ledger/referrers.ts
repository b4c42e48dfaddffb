import type { Db, Trx } from './db-types.js'
import { referrersAndPrimaryCode } from './primary-code-joins.js'
import { getCampaign, isUuid } from './campaigns.js'
import {
  type CodeStyle,
  generateCode,
  looksLikeCode,
  normalizeCode,
  validateVanityCode,
} from './codes.js'
import { markContactsChanged } from './contact-changes.js'
import { CodeTakenError, NotFoundError } from './errors.js'
import { recordEvent } from './events.js'
import { listen, listenerChannel, listenersOf } from './listeners.js'
import { toParticipant, toReferrer } from './mappers.js'
import { type EnsureParticipantOptions, ensureParticipant } from './participants.js'
import type { Actor, Campaign, Participant, PersonInput, Referrer } from './types.js'

const MAX_CODE_ATTEMPTS = 25

export interface EnsureReferrerInput {
  readonly workspaceId: string
  readonly campaignId?: string | null
  /** The campaign, when the caller has it already (saves a read). */
  readonly campaign?: Campaign
  readonly person: PersonInput
  readonly source: string
  readonly actor: Actor
}

/** A referrer found by Intercom contact id, when nothing about the person is left to fill in. */
async function knownReferrerOfContact(
  db: Db,
  workspaceId: string,
  campaignId: string,
  person: PersonInput,
): Promise<{ referrer: Referrer; participant: Participant } | null> {
  const contactId = person.contactId?.trim()
  if (!contactId) return null
  const row = await referrerQuery(db, workspaceId)
    .innerJoin('participants', 'participants.id', 'referrers.participant_id')
    .select([
      'participants.contact_id',
      'participants.email',
      'participants.email_normalized',
      'participants.email_plus_addressed',
      'participants.name',
      'participants.first_name',
    ])
    .where('referrers.campaign_id', '=', campaignId)
    .where('participants.workspace_id', '=', workspaceId)
    .where('participants.contact_id', '=', contactId)
    .executeTakeFirst()
  if (!row) return null
  const missingEmail = Boolean(person.email?.trim()) && !row.email_normalized
  const missingName = Boolean(person.name?.trim()) && !row.name
  if (missingEmail || missingName) return null
  return {
    referrer: toReferrer(row, row.primary_code),
    participant: toParticipant({
      id: row.participant_id,
      workspace_id: row.workspace_id,
      contact_id: row.contact_id,
      email: row.email,
      email_normalized: row.email_normalized,
      email_plus_addressed: row.email_plus_addressed,
      name: row.name,
      first_name: row.first_name,
      created_at: row.created_at,
      updated_at: row.created_at,
    }),
  }
}

export interface EnsuredReferrer {
  readonly referrer: Referrer
  readonly participant: Participant
  readonly created: boolean
}

/** Finds or enrols a person as a referrer of a campaign, with a code claimed on first sight. */
export async function ensureReferrer(
  db: Db,
  input: EnsureReferrerInput,
  options: EnsureParticipantOptions = {},
): Promise<EnsuredReferrer> {
  const campaign = input.campaign ?? (await getCampaign(db, input.workspaceId, input.campaignId))
  // The hot path (a known contact viewing their card) is one indexed read and no transaction.
  const known = await knownReferrerOfContact(db, input.workspaceId, campaign.id, input.person)
  if (known) return { ...known, created: false }
  return db.transaction().execute(async (trx) => {
    const { participant } = await ensureParticipant(trx, input.workspaceId, input.person, options)
    const existing = await referrerOfParticipant(
      trx,
      input.workspaceId,
      campaign.id,
      participant.id,
    )
    if (existing) return { referrer: existing, participant, created: false }
    const referrer = await enrolReferrer(trx, {
      workspaceId: input.workspaceId,
      campaignId: campaign.id,
      participant,
      codeStyle: campaign.settings.codeStyle,
      source: input.source,
      actor: input.actor,
    })
    return { referrer, participant, created: true }
  })
}

/** Inside a transaction: the participant's referrer row in this campaign, created with a fresh code if absent. */
export async function enrolReferrer(
  trx: Trx,
  input: {
    workspaceId: string
    campaignId: string
    participant: Participant
    codeStyle: CodeStyle
    source: string
    actor: Actor
  },
): Promise<Referrer> {
  const inserted = await trx
    .insertInto('referrers')
    .values({
      workspace_id: input.workspaceId,
      campaign_id: input.campaignId,
      participant_id: input.participant.id,
      source: input.source,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'participant_id']).doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!inserted) {
    const existing = await referrerOfParticipant(
      trx,
      input.workspaceId,
      input.campaignId,
      input.participant.id,
    )
    if (!existing) throw new Error('referrer vanished during enrolment')
    return existing
  }
  const code = await claimGeneratedCode(trx, {
    workspaceId: input.workspaceId,
    campaignId: input.campaignId,
    referrerId: inserted.id,
    name: input.participant.firstName ?? input.participant.name ?? input.participant.email,
    style: input.codeStyle,
  })
  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: 'referrer.enrolled',
    subject: { type: 'referrer', id: inserted.id },
    actor: input.actor,
    data: {
      participantId: input.participant.id,
      campaignId: input.campaignId,
      code,
      source: input.source,
    },
  })
  await markContactsChanged(trx, input.workspaceId, [input.participant.id])
  const referrer = toReferrer(inserted, code)
  await notifyEnrolled(trx, referrer, input.participant, input.actor)
  return referrer
}

/** Runs the enrolment listeners; bulk enrolment calls it for each referrer it creates. */
export async function notifyEnrolled(
  trx: Trx,
  referrer: Referrer,
  participant: Participant,
  actor: Actor,
): Promise<void> {
  for (const listener of listenersOf(trx, ENROLLED))
    await listener(trx, referrer, participant, actor)
}

export type EnrolledListener = (
  trx: Trx,
  referrer: Referrer,
  participant: Participant,
  actor: Actor,
) => Promise<void>
const ENROLLED = listenerChannel<EnrolledListener>('referrer enrolled')

/** Intercom contact creation subscribes here; listeners run inside the enrolling transaction. */
export function onReferrerEnrolled(db: Db, listener: EnrolledListener): () => void {
  return listen(db, ENROLLED, listener)
}

/** Claims a generated code against the unique index; a clash (even a concurrent one) draws again. */
export async function claimGeneratedCode(
  trx: Trx,
  input: {
    workspaceId: string
    campaignId: string
    referrerId: string
    name: string | null
    style: CodeStyle
  },
): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    // After a few clashes on a popular name, random codes are the way out.
    const code = generateCode(input.name, attempt < 10 ? input.style : 'random')
    const claimed = await trx
      .insertInto('referral_codes')
      .values({
        workspace_id: input.workspaceId,
        campaign_id: input.campaignId,
        referrer_id: input.referrerId,
        code,
        code_normalized: normalizeCode(code),
        is_primary: true,
      })
      .onConflict((oc) => oc.column('code_normalized').doNothing())
      .returning('code')
      .executeTakeFirst()
    if (claimed) return claimed.code
  }
  throw new Error('could not find a free referral code')
}

/** Gives a referrer a chosen code; the old codes keep resolving to them. */
export async function setVanityCode(
  db: Db,
  input: { workspaceId: string; referrerId: string; code: string; actor: Actor },
): Promise<Referrer> {
  const code = validateVanityCode(input.code)
  return db.transaction().execute(async (trx) => {
    const row = await lockReferrer(trx, input.workspaceId, input.referrerId)
    // Codes are unique across workspaces (links carry no workspace), so the owner may be anywhere.
    const owner = await trx
      .selectFrom('referral_codes')
      .select(['id', 'referrer_id'])
      .where('code_normalized', '=', normalizeCode(code))
      .executeTakeFirst()
    if (owner && owner.referrer_id !== row.id) throw new CodeTakenError(code)
    await demotePrimaryCode(trx, row.id)
    if (owner) {
      await trx
        .updateTable('referral_codes')
        .set({ is_primary: true })
        .where('id', '=', owner.id)
        .execute()
    } else {
      const claimed = await trx
        .insertInto('referral_codes')
        .values({
          workspace_id: input.workspaceId,
          campaign_id: row.campaign_id,
          referrer_id: row.id,
          code,
          code_normalized: normalizeCode(code),
          is_primary: true,
          is_vanity: true,
        })
        .onConflict((oc) => oc.column('code_normalized').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!claimed) throw new CodeTakenError(code)
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'referrer.code_changed',
      subject: { type: 'referrer', id: row.id },
      actor: input.actor,
      data: { code },
    })
    await markContactsChanged(trx, input.workspaceId, [row.participant_id])
    return toReferrer(row, code)
  })
}

/** A referrer of this workspace, row-locked for a change; another workspace's id is not found. */
export async function lockReferrer(trx: Trx, workspaceId: string, referrerId: string) {
  if (!isUuid(referrerId)) throw new NotFoundError('That referrer')
  const row = await trx
    .selectFrom('referrers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', referrerId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw new NotFoundError('That referrer')
  return row
}

/** The referrer's primary code stops being primary, before another one takes its place. */
export async function demotePrimaryCode(trx: Trx, referrerId: string): Promise<void> {
  await trx
    .updateTable('referral_codes')
    .set({ is_primary: false })
    .where('referrer_id', '=', referrerId)
    .where('is_primary', '=', true)
    .execute()
}

function referrerQuery(db: Db, workspaceId: string) {
  return referrersAndPrimaryCode(db, workspaceId)
    .selectAll('referrers')
    .select('referral_codes.code as primary_code')
}

export async function referrerOfParticipant(
  db: Db,
  workspaceId: string,
  campaignId: string,
  participantId: string,
): Promise<Referrer | null> {
  const row = await referrerQuery(db, workspaceId)
    .where('referrers.campaign_id', '=', campaignId)
    .where('referrers.participant_id', '=', participantId)
    .executeTakeFirst()
  return row ? toReferrer(row, row.primary_code) : null
}

export async function getReferrer(
  db: Db,
  workspaceId: string,
  referrerId: string,
): Promise<Referrer | null> {
  const row = await referrerQuery(db, workspaceId)
    .where('referrers.id', '=', referrerId)
    .executeTakeFirst()
  return row ? toReferrer(row, row.primary_code) : null
}

export interface ResolvedCode {
  readonly referrer: Referrer
  readonly codeId: string
}

/** Resolves any code a referrer ever had (case-insensitive) to that referrer and their current code. */
export async function resolveCode(
  db: Db,
  workspaceId: string,
  rawCode: string,
): Promise<ResolvedCode | null> {
  const resolved = await resolveCodeAnywhere(db, rawCode)
  return resolved && resolved.referrer.workspaceId === workspaceId ? resolved : null
}

/** For the public referral link, which names no workspace: codes are globally unique. */
export async function resolveCodeAnywhere(db: Db, rawCode: string): Promise<ResolvedCode | null> {
  const code = normalizeCode(rawCode)
  if (!looksLikeCode(code)) return null
  const row = await db
    .selectFrom('referral_codes as used')
    .innerJoin('referrers', 'referrers.id', 'used.referrer_id')
    .innerJoin('referral_codes as current', (join) =>
      join.onRef('current.referrer_id', '=', 'referrers.id').on('current.is_primary', '=', true),
    )
    .selectAll('referrers')
    .select(['current.code as primary_code', 'used.id as used_code_id'])
    .where('used.code_normalized', '=', code)
    // A code an agent disabled (after a leak) no longer leads anywhere.
    .where('used.disabled_at', 'is', null)
    .executeTakeFirst()
  return row ? { referrer: toReferrer(row, row.primary_code), codeId: row.used_code_id } : null
}
