import type { MatchMethod } from '../../db/tables/stripe-billing.js'
import type { AppContext } from '../context.js'
import type { Db, Trx } from '../ledger/db-types.js'
import { LedgerError } from '../ledger/errors.js'
import { findParticipantByContact, findParticipantByEmail } from '../ledger/participants.js'
import { attributeReferral } from '../ledger/referrals.js'
import { resolveCode } from '../ledger/referrers.js'
import { PAYMENT_ACTOR } from '../rewards/reward-hold.js'
import type { Participant } from '../ledger/types.js'
import { stripeFor } from './stripe-client.js'
import { stripeSecrets } from './stripe-connection.js'
import type { PayerFacts } from './stripe-event.js'

export interface PayerMatch {
  readonly participantId: string
  /** null: a known person who was not referred (kept so credits can reach them). */
  readonly referralId: string | null
  readonly method: MatchMethod
}

/**
 * Before the event's transaction: fills in what the event lacks from the Stripe customer (email,
 * metadata), and when the checkout carried a referrer's code, attributes the paying friend to
 * that referrer (a referral link → checkout → payment, with no Intercom step in between).
 * Failures here never lose the event: matching then simply has less to go on.
 */
export async function preparePayer(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  facts: PayerFacts,
): Promise<PayerFacts & { attributionNote: string | null }> {
  let enriched: PayerFacts = facts
  if (facts.customerId && !(await linkedCustomer(ctx.db, workspaceId, facts.customerId))) {
    enriched = await withCustomerDetails(ctx, workspaceId, facts)
  }
  let attributionNote: string | null = null
  if (enriched.code && (enriched.email || enriched.contactId)) {
    attributionNote = await attributeFromCode(ctx.db, workspaceId, enriched)
  }
  return { ...enriched, attributionNote }
}

async function withCustomerDetails(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  facts: PayerFacts,
): Promise<PayerFacts> {
  const secrets = await stripeSecrets(ctx, workspaceId)
  if (!secrets || !facts.customerId) return facts
  try {
    const customer = await (
      await stripeFor(ctx.config, secrets.secretKey)
    ).customers.retrieve(facts.customerId)
    if (customer.deleted) return facts
    const metadata = customer.metadata ?? {}
    const code =
      facts.code ??
      (metadata.referral_code
        ? { value: metadata.referral_code, from: 'referral_code' as const }
        : null)
    return {
      ...facts,
      code,
      contactId: facts.contactId ?? metadata.intercom_contact_id ?? null,
      email: facts.email ?? customer.email ?? null,
      name: facts.name ?? customer.name ?? null,
    }
  } catch (error) {
    ctx.logger.warn(
      { err: error, workspaceId },
      'stripe: could not read the customer; matching on the event alone',
    )
    return facts
  }
}

async function attributeFromCode(
  db: Db,
  workspaceId: string,
  facts: PayerFacts,
): Promise<string | null> {
  const code = facts.code?.value ?? ''
  const resolved = await resolveCode(db, workspaceId, code)
  if (!resolved) return `the code "${code}" belongs to no referrer`
  // Already referred in that campaign: nothing to attribute (and no "attribution ignored" noise).
  const known =
    (facts.contactId ? await findParticipantByContact(db, workspaceId, facts.contactId) : null) ??
    (facts.email ? await findParticipantByEmail(db, workspaceId, facts.email) : null)
  if (known) {
    const existing = await db
      .selectFrom('referrals')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('campaign_id', '=', resolved.referrer.campaignId)
      .where('friend_participant_id', '=', known.id)
      .executeTakeFirst()
    if (existing) return null
  }
  try {
    const result = await attributeReferral(db, {
      workspaceId,
      campaignId: resolved.referrer.campaignId,
      referrer: { code },
      friend: { contactId: facts.contactId, email: facts.email, name: facts.name },
      source: 'link',
      actor: PAYMENT_ACTOR,
      emailPolicy: 'lenient',
    })
    return result.created ? `referred by ${resolved.referrer.code} through checkout` : null
  } catch (error) {
    // Self-referral, a loop, an unusable email: the payment is kept, the referral is not made.
    if (error instanceof LedgerError) return `not attributed to ${code}: ${error.message}`
    throw error
  }
}

async function linkedCustomer(db: Db, workspaceId: string, customerId: string) {
  return db
    .selectFrom('stripe_customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
}

async function referralOfFriend(
  trx: Trx,
  workspaceId: string,
  participantId: string,
  campaignId?: string,
): Promise<string | null> {
  let query = trx
    .selectFrom('referrals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('friend_participant_id', '=', participantId)
  if (campaignId) query = query.where('campaign_id', '=', campaignId)
  const row = await query.orderBy('created_at').executeTakeFirst()
  return row?.id ?? null
}

/**
 * Inside the event's transaction: who paid, in the order — a customer already linked,
 * the code the checkout carried, metadata intercom_contact_id, then the normalized email.
 */
export async function matchPayer(
  trx: Trx,
  workspaceId: string,
  facts: PayerFacts,
): Promise<PayerMatch | null> {
  if (facts.customerId) {
    const linked = await linkedCustomer(trx, workspaceId, facts.customerId)
    if (linked) {
      const referralId =
        linked.referral_id ?? (await referralOfFriend(trx, workspaceId, linked.participant_id))
      if (referralId && !linked.referral_id)
        await linkCustomer(trx, workspaceId, facts.customerId, {
          ...linked,
          referralId,
          participantId: linked.participant_id,
          method: linked.matched_by,
        })
      return { participantId: linked.participant_id, referralId, method: 'customer' }
    }
  }
  let known: Participant | null = null
  if (facts.contactId) known = await findParticipantByContact(trx, workspaceId, facts.contactId)
  if (!known && facts.email) known = await findParticipantByEmail(trx, workspaceId, facts.email)

  if (facts.code && known) {
    const resolved = await resolveCode(trx, workspaceId, facts.code.value)
    const referralId = resolved
      ? await referralOfFriend(trx, workspaceId, known.id, resolved.referrer.campaignId)
      : null
    if (referralId) return { participantId: known.id, referralId, method: facts.code.from }
  }
  if (facts.contactId) {
    const person = await findParticipantByContact(trx, workspaceId, facts.contactId)
    const referralId = person ? await referralOfFriend(trx, workspaceId, person.id) : null
    if (person && referralId)
      return { participantId: person.id, referralId, method: 'intercom_contact_id' }
  }
  if (facts.email) {
    const person = await findParticipantByEmail(trx, workspaceId, facts.email)
    const referralId = person ? await referralOfFriend(trx, workspaceId, person.id) : null
    if (person && referralId) return { participantId: person.id, referralId, method: 'email' }
  }
  return known
    ? {
        participantId: known.id,
        referralId: null,
        method: facts.contactId ? 'intercom_contact_id' : 'email',
      }
    : null
}

/** Remembers who a Stripe customer is, so later events (and credits) need no matching. */
export async function linkCustomer(
  trx: Trx,
  workspaceId: string,
  customerId: string,
  match: { participantId: string; referralId: string | null; method: MatchMethod },
): Promise<void> {
  await trx
    .insertInto('stripe_customers')
    .values({
      workspace_id: workspaceId,
      customer_id: customerId,
      participant_id: match.participantId,
      referral_id: match.referralId,
      matched_by: match.method,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'customer_id']).doUpdateSet({
        participant_id: match.participantId,
        referral_id: match.referralId,
      }),
    )
    .execute()
}

/** The Stripe customer of a reward's recipient, for credits; null when none is known. */
export async function customerOfParticipant(
  db: Db,
  workspaceId: string,
  participantId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('stripe_customers')
    .select('customer_id')
    .where('workspace_id', '=', workspaceId)
    .where('participant_id', '=', participantId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  return row?.customer_id ?? null
}
