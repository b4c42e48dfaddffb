import { IntercomApiError, type IntercomApi } from '../intercom/api-types.js'
import type { JobQueue } from '../jobs/queue.js'
import { getCampaign } from '../ledger/campaigns.js'
import type { Db } from '../ledger/db-types.js'
import { personFromContact } from './contact-person.js'
import { importPeople } from './import-contacts.js'
import { importQuery } from './import-query.js'
import { forgetContactsRead, markContactsRead } from './contacts-read.js'
import { enqueueSyncPage } from './queues.js'

export const PAGE_SIZE = 150

export interface SyncDeps {
  readonly db: Db
  /** Null when the caller drives the run itself (the CLI) instead of chaining jobs. */
  readonly jobs: JobQueue | null
  readonly apiFor: (workspaceId: string) => Promise<IntercomApi | null>
}

export type PageOutcome = 'continue' | 'finished' | 'superseded'

/**
 * Imports the run's next page. The page is read from Intercom outside any transaction; then one
 * transaction enrols its referrers, advances the cursor and queues the next page. The cursor only
 * moves if nobody moved it meanwhile (a retried or duplicate job gets 'superseded'), so a page is
 * committed exactly once and a crash resumes from the last committed cursor. With `chain`, the
 * next page's job is queued in that same transaction.
 */
export async function runSyncPage(
  deps: SyncDeps,
  runId: string,
  options: { chain?: boolean } = {},
): Promise<PageOutcome> {
  const run = await deps.db
    .selectFrom('sync_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirst()
  if (!run || run.status !== 'running') return 'finished'
  const campaign = await getCampaign(deps.db, run.workspace_id, run.campaign_id)
  const api = await deps.apiFor(run.workspace_id)
  if (!api) throw new NotConnectedError()
  const query = importQuery(
    { source: run.source as 'leads' | 'users' | 'all' | 'segment', segmentId: run.segment_id },
    run.since,
  )
  const page = await api.searchContacts(query, {
    perPage: PAGE_SIZE,
    startingAfter: run.cursor,
    // Ascending by updated_at: a contact changed mid-scan moves behind the cursor's end, not before it.
    sort: { field: 'updated_at', order: 'ascending' },
  })
  const people = page.contacts.map((contact) => ({
    contactId: contact.id,
    person: personFromContact(contact, campaign.settings.import.fieldMap),
  }))
  const usable = people.flatMap(({ person }) => (person === null ? [] : [person]))
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('sync_runs')
      .select(['status', 'pages'])
      .where('id', '=', runId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (current.status !== 'running' || current.pages !== run.pages) return 'superseded'
    const result = await importPeople(trx, {
      campaign,
      people: usable,
      actor: { type: 'import', id: runId },
    })
    const firstReads = await markContactsRead(
      trx,
      runId,
      people.map((read) => read.contactId),
    )
    const unusable = people.filter((read) => read.person === null && firstReads.has(read.contactId))
    const finished = page.nextCursor === null || page.contacts.length === 0
    await trx
      .updateTable('sync_runs')
      .set((eb) => ({
        cursor: page.nextCursor,
        pages: eb('pages', '+', 1),
        done: eb('done', '+', firstReads.size),
        imported: eb('imported', '+', result.imported),
        skipped: eb('skipped', '+', unusable.length),
        total: run.total ?? page.totalCount,
        failures: 0,
        error: null,
        updated_at: new Date(),
        ...(finished ? { status: 'succeeded' as const, finished_at: new Date() } : {}),
      }))
      .where('id', '=', runId)
      .execute()
    if (finished) {
      await forgetContactsRead(trx, runId)
      return 'finished'
    }
    if (options.chain && deps.jobs) await enqueueSyncPage(deps.jobs, runId, { trx })
    return 'continue'
  })
}

/** The workspace has no Intercom token (never installed, or uninstalled): retrying cannot help. */
export class NotConnectedError extends IntercomApiError {
  override readonly name = 'NotConnectedError'
  constructor() {
    super('The workspace is not connected to Intercom', null, false)
  }
}
