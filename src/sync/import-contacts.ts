import { enrolPeopleInBulk } from '../ledger/bulk-enrolment.js'
import { markContactsChanged } from '../ledger/contact-changes.js'
import type { Trx } from '../ledger/db-types.js'
import { ensureParticipant } from '../ledger/participants.js'
import { withoutErased } from '../ledger/privacy/identity-hash.js'
import { enrolReferrer, referrerOfParticipant } from '../ledger/referrers.js'
import type { Actor, Campaign, PersonInput } from '../ledger/types.js'

export const IMPORT_SOURCE = 'imported'

export interface ImportedPage {
  /** New referrers enrolled. */
  readonly imported: number
  /** People who were already referrers of the campaign (an earlier or overlapping run). */
  readonly existing: number
}

/**
 * Inside the page's transaction: each person becomes a referrer of the campaign as ensureReferrer
 * would (source "imported", lenient email), without notifying anyone. Enrolment marks the contact
 * for write-back, which carries the new link to Intercom. Idempotent per contact id, so a page read
 * twice (a retried job, an overlapping incremental run) creates nothing twice.
 */
export async function importPeople(
  trx: Trx,
  input: { campaign: Campaign; people: readonly PersonInput[]; actor: Actor },
): Promise<ImportedPage> {
  const { campaign } = input
  // Someone erased from the workspace is not imported again while Intercom still lists them.
  const people = await withoutErased(trx, campaign.workspaceId, input.people)
  // Most of a page is new or already enrolled: that part goes through in a few statements.
  const bulk = await enrolPeopleInBulk(trx, {
    campaign,
    people,
    source: IMPORT_SOURCE,
    actor: input.actor,
    // An import writes its links to Intercom with what live calls leave of the rate budget.
    priority: 'background',
  })
  const rest = await importOneByOne(trx, { campaign, people: bulk.leftOver, actor: input.actor })
  return { imported: bulk.enrolled + rest.imported, existing: bulk.existing + rest.existing }
}

/** The careful path, person by person: identities to merge or fill in, rows that raced us. */
async function importOneByOne(
  trx: Trx,
  input: { campaign: Campaign; people: readonly PersonInput[]; actor: Actor },
): Promise<ImportedPage> {
  const { campaign } = input
  const workspaceId = campaign.workspaceId
  if (input.people.length === 0) return { imported: 0, existing: 0 }
  const contactIds = input.people.map((person) => person.contactId).filter(isText)
  // One query answers "already a referrer here?" for the whole page, so re-reads stay cheap.
  const known =
    contactIds.length === 0
      ? []
      : await trx
          .selectFrom('participants')
          .leftJoin('referrers', (join) =>
            join
              .onRef('referrers.participant_id', '=', 'participants.id')
              .on('referrers.campaign_id', '=', campaign.id),
          )
          .select(['participants.contact_id', 'referrers.id as referrer_id'])
          .where('participants.workspace_id', '=', workspaceId)
          .where('participants.contact_id', 'in', contactIds)
          .execute()
  const linked = new Map(known.map((row) => [row.contact_id, row.referrer_id !== null]))
  let imported = 0
  let existing = 0
  for (const person of input.people) {
    if (person.contactId && linked.get(person.contactId) === true) {
      existing += 1
      continue
    }
    const { participant } = await ensureParticipant(trx, workspaceId, person, {
      emailPolicy: 'lenient',
    })
    const referrer = await referrerOfParticipant(trx, workspaceId, campaign.id, participant.id)
    if (referrer) {
      existing += 1
      // A known email just gained its Intercom id: its attributes can now be written there.
      if (!linked.has(person.contactId ?? '')) {
        await markContactsChanged(trx, workspaceId, [participant.id], { priority: 'background' })
      }
      continue
    }
    await enrolReferrer(trx, {
      workspaceId,
      campaignId: campaign.id,
      participant,
      codeStyle: campaign.settings.codeStyle,
      source: IMPORT_SOURCE,
      actor: input.actor,
    })
    imported += 1
  }
  return { imported, existing }
}

function isText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== ''
}
