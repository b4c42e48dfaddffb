import { sql } from 'kysely'
import {
  type IntercomApi,
  IntercomApiError,
  type IntercomContactInput,
  IntercomConflictError,
} from '../intercom/api-types.js'
import { getCampaign } from '../ledger/campaigns.js'
import { markContactsChanged } from '../ledger/contact-changes.js'
import type { Db } from '../ledger/db-types.js'
import { getParticipant } from '../ledger/participants.js'
import { friendFacts, referrerFacts } from './contact-facts.js'
import {
  contactInput,
  defaultFriendFields,
  defaultReferrerFields,
  qualificationStart,
} from './outbound-contact.js'

export interface ContactCreateJob {
  readonly workspaceId: string
  readonly campaignId: string
  readonly participantId: string
  readonly kind: 'referrer' | 'friend'
  readonly referralId?: string
}

export type ContactCreateOutcome =
  | { readonly result: 'created' | 'updated' | 'skipped-duplicate'; readonly contactId: string }
  | { readonly result: 'not-needed'; readonly reason: string }

export interface ContactCreateDeps {
  readonly db: Db
  readonly publicUrl: string
  readonly apiFor: (workspaceId: string) => Promise<IntercomApi | null>
  /** Resolves once the workspace's contact attributes exist (`redo`: create them again). */
  readonly attributesReady?: (workspaceId: string, options?: { redo?: boolean }) => Promise<unknown>
}

/**
 * Creates the Intercom contact for a new referrer or friend, as the campaign says (lead or user,
 * mapped fields, defaults). A 409 means the person exists: update them or leave them, as
 * configured. Either way the contact id is stored on the participant, so webhooks find them.
 */
export async function createContactFor(
  deps: ContactCreateDeps,
  job: ContactCreateJob,
): Promise<ContactCreateOutcome> {
  const { db, publicUrl } = deps
  const participant = await getParticipant(db, job.workspaceId, job.participantId)
  if (!participant) return { result: 'not-needed', reason: 'participant not found' }
  if (participant.contactId) return { result: 'not-needed', reason: 'already an Intercom contact' }
  if (!participant.email) return { result: 'not-needed', reason: 'no email' }

  let input: IntercomContactInput
  let policy: 'skip' | 'update'
  if (job.kind === 'referrer') {
    const campaign = await getCampaign(db, job.workspaceId, job.campaignId)
    const { onReferrerJoin, referrerFields, defaults, duplicatePolicy } = campaign.settings.intercom
    if (onReferrerJoin === 'none') return { result: 'not-needed', reason: 'switched off' }
    const facts = await referrerFacts(db, publicUrl, campaign, participant.id)
    if (!facts) return { result: 'not-needed', reason: 'not a referrer' }
    policy = duplicatePolicy
    input = contactInput({
      role: onReferrerJoin,
      email: participant.email,
      facts,
      fields: { ...defaultReferrerFields(campaign.settings.attributes), ...referrerFields },
      defaults,
    })
  } else {
    const found = job.referralId
      ? await friendFacts(db, publicUrl, job.workspaceId, job.referralId)
      : null
    if (!found) return { result: 'not-needed', reason: 'referral not found' }
    const { settings } = found.campaign
    const { onFriendReferred, friendFields, defaults, duplicatePolicy } = settings.intercom
    if (onFriendReferred === 'none') return { result: 'not-needed', reason: 'switched off' }
    policy = duplicatePolicy
    input = contactInput({
      role: onFriendReferred,
      email: participant.email,
      facts: found.facts,
      fields: { ...defaultFriendFields(settings.attributes), ...friendFields },
      defaults,
      extra: qualificationStart(settings.qualification),
    })
  }

  const api = await deps.apiFor(job.workspaceId)
  if (!api) return { result: 'not-needed', reason: 'not connected to Intercom' }
  await deps.attributesReady?.(job.workspaceId)
  const outcome = await createdWithAttributes(deps, job.workspaceId, () =>
    createOrResolve(api, input, policy),
  )
  await linkContact(db, job.workspaceId, participant.id, outcome.contactId)
  return outcome
}

const MISSING_ATTRIBUTE = /attribute .* does not exist/i

/**
 * Intercom's 400 for an attribute it does not have (it went missing, or the set-up lost a race):
 * the attributes are created and the contact sent once more, never dropped.
 */
async function createdWithAttributes<T>(
  deps: ContactCreateDeps,
  workspaceId: string,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send()
  } catch (error) {
    if (
      !deps.attributesReady ||
      !(error instanceof IntercomApiError) ||
      error.status !== 400 ||
      !MISSING_ATTRIBUTE.test(error.message)
    )
      throw error
    await deps.attributesReady(workspaceId, { redo: true })
    return send()
  }
}

async function createOrResolve(
  api: IntercomApi,
  input: IntercomContactInput,
  policy: 'skip' | 'update',
): Promise<{ result: 'created' | 'updated' | 'skipped-duplicate'; contactId: string }> {
  try {
    const created = await api.createContact(input)
    return { result: 'created', contactId: created.id }
  } catch (error) {
    if (!(error instanceof IntercomConflictError)) throw error
    const contactId = error.existingContactId ?? (await findByEmail(api, input.email ?? ''))
    if (!contactId) throw error
    if (policy === 'skip') return { result: 'skipped-duplicate', contactId }
    // The role stays as Intercom has it: turning a user back into a lead is not ours to do.
    const { role: _role, ...fields } = input
    await api.updateContact(contactId, fields)
    return { result: 'updated', contactId }
  }
}

// A 409 without the id: find the contact by email (search may lag a fresh contact by minutes).
async function findByEmail(api: IntercomApi, email: string): Promise<string | null> {
  if (!email) return null
  const page = await api.searchContacts(
    { field: 'email', operator: '=', value: email },
    { perPage: 5 },
  )
  return page.contacts[0]?.id ?? null
}

/** Stores the id unless another participant already has it; then marks the contact for write-back. */
async function linkContact(
  db: Db,
  workspaceId: string,
  participantId: string,
  contactId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const linked = await trx
      .updateTable('participants')
      .set({ contact_id: contactId, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', participantId)
      .where('contact_id', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('participants as other')
              .select('other.id')
              .where('other.workspace_id', '=', workspaceId)
              .where('other.contact_id', '=', contactId),
          ),
        ),
      )
      .executeTakeFirst()
    if (Number(linked.numUpdatedRows) > 0) {
      await markContactsChanged(trx, workspaceId, [participantId])
    }
  })
}
