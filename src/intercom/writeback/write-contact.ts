import { sql } from 'kysely'
import type { AppContext } from '../../context.js'
import { listCampaigns } from '../../ledger/campaigns.js'
import { getParticipant } from '../../ledger/participants.js'
import {
  type IntercomApi,
  IntercomApiError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
} from '../api-types.js'
import { dropWorkspaceConnection, getIntercomApi } from '../connections.js'
import { attributesReady } from '../attribute-setup.js'
import { DEFAULT_MAPPING, wantedAttributes } from '../data-attributes.js'
import { flushOwedEvents } from '../data-events/flush.js'
import { hasOwedEvents } from '../data-events/outbox.js'
import { contactAttributes } from './contact-attributes.js'
import { clearDeadLetter, recordDeadLetter } from './dead-letters.js'
import type { WriteJob } from './enqueue.js'

export type WriteOutcome =
  | { kind: 'written'; attributes: Record<string, unknown>; contactId: string }
  | { kind: 'nothing-pending' }
  | { kind: 'not-connected' }
  | { kind: 'no-contact' }
  | { kind: 'rate-limited'; retryAt: Date }
  | { kind: 'disconnected' }
  | { kind: 'dead-lettered'; reason: string; contactId?: string }

/**
 * Writes one contact's latest referral attributes to Intercom, then sends the data events waiting
 * for that person. The pending row is the truth: it is read first, and removed afterwards only if
 * no change arrived meanwhile. Retryable failures (5xx, timeouts, database errors) are thrown so
 * the queue retries them with backoff; events not yet sent stay in the outbox for that retry.
 */
export async function writeContact(ctx: AppContext, job: WriteJob): Promise<WriteOutcome> {
  const { workspaceId, participantId } = job
  // Read as text: a JS Date would drop the microseconds and never match the row again.
  const pending = await ctx.db
    .selectFrom('pending_contact_writes')
    .select([sql<string>`changed_at::text`.as('changed_at'), 'erased_contact_id'])
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst()
  const owed = await hasOwedEvents(ctx.db, workspaceId, participantId)
  if (!pending && !owed) return { kind: 'nothing-pending' }

  const tokenBefore = await storedToken(ctx, workspaceId)
  const api = await getIntercomApi(ctx, workspaceId, { priority: job.priority ?? 'live' })
  // Without a token the write waits, pending, for a re-install; the sweeper enqueues it then.
  if (!api) return { kind: 'not-connected' }

  try {
    let outcome: WriteOutcome = { kind: 'nothing-pending' }
    let contactId: string | null = null
    // Values only after the attributes that carry them exist in this workspace.
    if (pending) await attributesReady(ctx, workspaceId)
    if (pending?.erased_contact_id) {
      return await clearErasedContact(ctx, api, job, pending.changed_at, pending.erased_contact_id)
    }
    if (pending) {
      outcome = await writeAttributes(ctx, api, job, pending.changed_at)
      contactId =
        outcome.kind === 'written' || outcome.kind === 'dead-lettered'
          ? (outcome.contactId ?? null)
          : null
    }
    // Data events go after the attributes, so a message that fires on one sees the new counts.
    if (owed) {
      contactId ??= (await getParticipant(ctx.db, workspaceId, participantId))?.contactId ?? null
      if (contactId) await flushOwedEvents(ctx.db, api, { workspaceId, participantId, contactId })
    }
    return outcome.kind === 'nothing-pending' && pending ? { kind: 'no-contact' } : outcome
  } catch (error) {
    if (error instanceof IntercomRateLimitedError) {
      return { kind: 'rate-limited', retryAt: error.retryAt }
    }
    if (error instanceof IntercomUnauthorizedError) {
      // Re-installed while this call used the old token: retry with the new one, keep the connection.
      if ((await storedToken(ctx, workspaceId)) !== tokenBefore) throw error
      await dropWorkspaceConnection(ctx, workspaceId, 'disconnected', error.message)
      return { kind: 'disconnected' }
    }
    throw error
  }
}

/** The attribute PUT of one contact; refusals that retrying cannot fix are dead-lettered. */
async function writeAttributes(
  ctx: AppContext,
  api: IntercomApi,
  job: WriteJob,
  changedAt: string,
): Promise<WriteOutcome> {
  const { workspaceId, participantId } = job
  const write = await contactAttributes(ctx.db, ctx.config.publicUrl, workspaceId, participantId)
  if (!write?.contactId) {
    await settlePending(ctx, job, changedAt)
    return { kind: 'nothing-pending' }
  }
  const contactId = write.contactId
  try {
    await updateCreatingMissingAttributes(ctx, workspaceId, () =>
      api.updateContact(contactId, { customAttributes: write.attributes }),
    )
  } catch (error) {
    if (
      error instanceof IntercomApiError &&
      !error.retryable &&
      !(error instanceof IntercomUnauthorizedError)
    ) {
      const reason = `${error.status ?? 'error'}: ${error.message}`
      await recordDeadLetter(ctx.db, {
        workspaceId,
        participantId,
        contactId,
        statusCode: error.status,
        reason,
        attributes: write.attributes,
      })
      await settlePending(ctx, job, changedAt)
      return { kind: 'dead-lettered', reason, contactId }
    }
    throw error
  }
  await clearDeadLetter(ctx.db, workspaceId, participantId)
  await settlePending(ctx, job, changedAt)
  return { kind: 'written', attributes: write.attributes, contactId }
}

/**
 * An erased person's contact: every attribute our campaigns own is set to null (nothing else is
 * sent, so no other field changes), and the kept contact id goes with the pending row. A refusal
 * retrying cannot fix (the contact was deleted in Intercom) settles it too, without a dead letter,
 * which would keep the contact id.
 */
async function clearErasedContact(
  ctx: AppContext,
  api: IntercomApi,
  job: WriteJob,
  changedAt: string,
  contactId: string,
): Promise<WriteOutcome> {
  const campaigns = await listCampaigns(ctx.db, job.workspaceId)
  const mappings = campaigns.map((campaign) => campaign.settings.attributes)
  const names = wantedAttributes(mappings.length > 0 ? mappings : [DEFAULT_MAPPING]).keys()
  const attributes = Object.fromEntries([...names].map((name) => [name, null]))
  try {
    await updateCreatingMissingAttributes(ctx, job.workspaceId, () =>
      api.updateContact(contactId, { customAttributes: attributes }),
    )
  } catch (error) {
    if (
      error instanceof IntercomApiError &&
      !error.retryable &&
      !(error instanceof IntercomUnauthorizedError)
    ) {
      await settlePending(ctx, job, changedAt)
      const reason = `${error.status ?? 'error'}: ${error.message}`
      return { kind: 'dead-lettered', reason }
    }
    throw error
  }
  await settlePending(ctx, job, changedAt)
  return { kind: 'written', attributes, contactId }
}

const MISSING_ATTRIBUTE = /attribute .* does not exist/i

/**
 * A write can race the creation of the attributes (private-app start-up, a renamed attribute whose
 * creation failed): on Intercom's "does not exist" the attributes are created and the write tried
 * once more, instead of dead-lettering a write that only came too early.
 */
async function updateCreatingMissingAttributes(
  ctx: AppContext,
  workspaceId: string,
  update: () => Promise<unknown>,
): Promise<void> {
  try {
    await update()
  } catch (error) {
    if (
      !(error instanceof IntercomApiError) ||
      error.status !== 400 ||
      !MISSING_ATTRIBUTE.test(error.message)
    )
      throw error
    await attributesReady(ctx, workspaceId, { redo: true })
    await update()
  }
}

/** The stored (encrypted) token, to tell whether it was replaced during a call. */
async function storedToken(ctx: AppContext, workspaceId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('workspaces')
    .select('access_token_ciphertext')
    .where('id', '=', workspaceId)
    .executeTakeFirst()
  return row?.access_token_ciphertext ?? null
}

/**
 * Removes the pending row only if it still carries the change that was just handled. Equality, not
 * "<=": a transaction that started earlier may commit an older changed_at after this write read
 * the ledger, and that change must not be lost.
 */
async function settlePending(ctx: AppContext, job: WriteJob, changedAt: string): Promise<void> {
  await ctx.db
    .deleteFrom('pending_contact_writes')
    .where('workspace_id', '=', job.workspaceId)
    .where('participant_id', '=', job.participantId)
    .where(sql<boolean>`changed_at = ${changedAt}::timestamptz`)
    .execute()
}
