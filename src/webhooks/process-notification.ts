import type { AppContext } from '../context.js'
import {
  type ContactItem,
  contactItemSchema,
  contactState,
  isHandledTopic,
  mergedFromId,
  type Notification,
  notificationSchema,
} from '../intercom/webhook-payload.js'
import { listCampaigns } from '../ledger/campaigns.js'
import { changedContactFields, onlyOwnAttributesChanged } from '../ledger/contact-diff.js'
import { type MergeResult, repointMergedContact } from '../ledger/contact-merges.js'
import { lockContactSnapshot, saveContactSnapshot } from '../ledger/contact-snapshots.js'
import type { Trx } from '../ledger/db-types.js'
import type { Campaign } from '../ledger/types.js'
import {
  lockNotification,
  markNotification,
  type StoredNotification,
} from '../ledger/webhook-notifications.js'
import { attributeFromContact, type AttributionOutcome } from './attribute-from-contact.js'
import {
  describesErasedPerson,
  eraseDeletedContact,
  forgetPayload,
} from './erase-deleted-contact.js'
import {
  linkInvitedContact,
  qualifyFromContact,
  type QualifyOutcome,
} from './qualify-from-contact.js'

/** What planning decided, stored on the notification so a retry carries on where it stopped. */
export interface Plan {
  readonly contactId: string
  /** Referral codes the contact newly carries (its `referred_by_code` attribute, per campaign). */
  readonly codes: string[]
  /** Link by email and evaluate the qualification rules (false when nothing relevant changed). */
  readonly evaluate: boolean
  readonly changed: string[]
  readonly merge: MergeResult | null
}

export type ProcessResult =
  | { readonly status: 'missing' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'erased'; readonly erasure: string }
  | {
      readonly status: 'processed'
      readonly plan: Plan
      readonly attribution: AttributionOutcome[]
      readonly linked: boolean
      readonly qualification: QualifyOutcome[]
    }

type Planned =
  | { kind: 'missing' }
  | { kind: 'done'; status: string; reason: string }
  | {
      kind: 'plan'
      notification: Notification
      item: ContactItem
      plan: Plan
      /** Held when planned in this transaction: snapshot locked, campaigns read. */
      campaigns: Campaign[] | null
    }
  | { kind: 'finished'; plan: Plan; notification: Notification; outcome: Outcome }

export interface Outcome {
  readonly attribution: AttributionOutcome[]
  readonly linked: boolean
  readonly qualification: QualifyOutcome[]
}

/**
 * Processes one stored webhook notification; safe to run again, and concurrently. Usually one
 * transaction: the notification and the contact's snapshot locked, stale deliveries skipped, the
 * snapshot written, link and qualify, marked done. A notification carrying a new referral code
 * takes three steps instead: plan (stored on the notification, so a retry carries on where it
 * stopped), attribute (the ledger's own idempotent transaction), then link, qualify and mark done.
 */
export async function processNotification(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  id: string,
): Promise<ProcessResult> {
  const deleted = await eraseDeletedContact(ctx, id)
  if (deleted) return deleted
  const planned = await ctx.db.transaction().execute(async (trx): Promise<Planned> => {
    const first = await plan(trx, id)
    if (first.kind !== 'plan' || !first.campaigns || first.plan.codes.length > 0) {
      if (first.kind === 'plan' && first.campaigns)
        await markNotification(trx, id, { status: 'planned', plan: first.plan })
      return first
    }
    const outcome = await finish(trx, first, first.campaigns, [])
    await markNotification(trx, id, { status: 'processed', plan: first.plan, outcome })
    return { kind: 'finished', plan: first.plan, notification: first.notification, outcome }
  })
  if (planned.kind === 'missing') return { status: 'missing' }
  if (planned.kind === 'done') return { status: 'skipped', reason: planned.reason }
  if (planned.kind === 'finished')
    return processed(ctx, planned.notification, planned.plan, planned.outcome)
  const { notification, item, plan: decided } = planned
  const actor = { type: 'webhook', id: notification.id } as const
  const workspaceId = notification.app_id

  const attribution: AttributionOutcome[] = []
  for (const code of decided.codes) {
    attribution.push(await attributeFromContact(ctx.db, { workspaceId, code, item, actor }))
  }

  const finished = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockNotification(trx, id)
    if (!current || current.status !== 'planned') return null
    // One contact's notifications link and qualify one after another, like they were planned.
    await lockContactSnapshot(trx, workspaceId, item.id)
    const campaigns = await listCampaigns(trx, workspaceId)
    const outcome = await finish(trx, planned, campaigns, attribution)
    await markNotification(trx, id, { status: 'processed', outcome })
    return outcome
  })
  if (!finished) return { status: 'skipped', reason: 'already_processed' }
  return processed(ctx, notification, decided, finished)
}

/** Link and qualify, as planned (the contact's snapshot row is locked by the caller). */
async function finish(
  trx: Trx,
  planned: { notification: Notification; item: ContactItem; plan: Plan },
  campaigns: readonly Campaign[],
  attribution: AttributionOutcome[],
): Promise<Outcome> {
  const { notification, item, plan: decided } = planned
  const workspaceId = notification.app_id
  const actor = { type: 'webhook', id: notification.id } as const
  const active = campaigns.filter((campaign) => campaign.status === 'active')
  const linked = decided.evaluate ? await linkInvitedContact(trx, workspaceId, item, actor) : false
  const qualification = decided.evaluate
    ? await qualifyFromContact(trx, {
        workspaceId,
        campaigns: active,
        item,
        topic: notification.topic,
        actor,
      })
    : []
  return { attribution, linked, qualification }
}

export function processed(
  ctx: Pick<AppContext, 'logger'>,
  notification: Notification,
  plan: Plan,
  outcome: Outcome,
): ProcessResult {
  ctx.logger.info(
    { notification: notification.id, topic: notification.topic, ...outcome },
    'webhook notification processed',
  )
  return { status: 'processed', plan, ...outcome }
}

/** Reads a workspace's campaigns (once per transaction when several notifications share one). */
type CampaignsOf = (trx: Trx, workspaceId: string) => Promise<Campaign[]>

async function plan(trx: Trx, id: string): Promise<Planned> {
  const stored = await lockNotification(trx, id)
  if (!stored) return { kind: 'missing' }
  return planStored(trx, stored, listCampaigns)
}

async function planStored(
  trx: Trx,
  stored: StoredNotification,
  campaignsOf: CampaignsOf,
): Promise<Planned> {
  if (stored.status === 'processed' || stored.status === 'skipped') {
    return { kind: 'done', status: stored.status, reason: `already_${stored.status}` }
  }
  const notification = notificationSchema.safeParse(stored.payload)
  const item = notification.success
    ? contactItemSchema.safeParse(notification.data.data.item)
    : null
  if (!notification.success || !item?.success || !isHandledTopic(stored.topic)) {
    return skip(trx, stored, 'not_a_contact_notification')
  }
  if (stored.status === 'planned') {
    return {
      kind: 'plan',
      notification: notification.data,
      item: item.data,
      plan: stored.plan as Plan,
      campaigns: null,
    }
  }
  return planContact(trx, stored, notification.data, item.data, campaignsOf)
}

async function skip(trx: Trx, stored: StoredNotification, reason: string): Promise<Planned> {
  await markNotification(trx, stored.id, { status: 'skipped', outcome: { reason } })
  return { kind: 'done', status: 'skipped', reason }
}

async function planContact(
  trx: Trx,
  stored: StoredNotification,
  notification: Notification,
  item: ContactItem,
  campaignsOf: CampaignsOf,
): Promise<Planned> {
  const workspaceId = stored.workspaceId
  // An erased person stays erased: news about their contact is dropped, payload and all.
  if (await describesErasedPerson(trx, workspaceId, item)) {
    await forgetPayload(trx, stored.id)
    return skip(trx, stored, 'erased_person')
  }
  const { snapshot, isNew } = await lockContactSnapshot(trx, workspaceId, item.id)
  // Intercom does not order deliveries: an older state than the one we hold is history, not news.
  if (snapshot.lastNotificationAt && snapshot.lastNotificationAt > stored.notifiedAt) {
    return skip(trx, stored, 'stale')
  }
  const campaigns = await campaignsOf(trx, workspaceId)
  const state = contactState(item)
  const changed = isNew
    ? ['(new contact)']
    : changedContactFields(snapshot, state, ruleStandardFields(campaigns))
  const codes = newReferralCodes(
    campaigns,
    snapshot.customAttributes,
    state.customAttributes,
    isNew,
  )
  const ownOnly = onlyOwnAttributesChanged(changed, ownAttributeNames(campaigns))

  const actor = { type: 'webhook', id: stored.notificationId } as const
  const mergedFrom = stored.topic === 'contact.merged' ? mergedFromId(notification, item) : null
  const merge = mergedFrom
    ? await repointMergedContact(trx, {
        workspaceId,
        fromContactId: mergedFrom,
        toContactId: item.id,
        actor,
      })
    : null

  const decided: Plan = {
    contactId: item.id,
    codes,
    // The app's own attribute writes come back as contact.*.updated: they must change nothing.
    evaluate: !ownOnly || stored.topic === 'contact.lead.signed_up' || merge !== null,
    changed,
    merge,
  }
  await saveContactSnapshot(trx, {
    workspaceId,
    contactId: item.id,
    notificationId: stored.notificationId,
    notifiedAt: stored.notifiedAt,
    state,
  })
  return { kind: 'plan', notification, item, plan: decided, campaigns }
}

export function ruleStandardFields(campaigns: readonly Campaign[]): string[] {
  return campaigns
    .map((campaign) => campaign.settings.qualification.attribute)
    .filter((attribute) => !attribute.startsWith('custom_attributes.'))
}

export function ownAttributeNames(campaigns: readonly Campaign[]): Set<string> {
  const names = new Set<string>()
  for (const campaign of campaigns) {
    for (const name of Object.values(campaign.settings.attributes)) if (name) names.add(name)
  }
  return names
}

/**
 * Codes in a campaign's `referred_by_code` attribute that are new on this contact. An unchanged
 * value was handled when it first arrived (and is what the app itself writes on its friends).
 */
export function newReferralCodes(
  campaigns: readonly Campaign[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  isNew: boolean,
): string[] {
  const codes = new Set<string>()
  for (const campaign of campaigns) {
    if (campaign.status !== 'active') continue
    const name = campaign.settings.attributes.referred_by_code
    if (!name) continue
    const value = after[name]
    if (typeof value !== 'string' || !value.trim()) continue
    if (!isNew && before[name] === value) continue
    codes.add(value.trim())
  }
  return [...codes]
}
