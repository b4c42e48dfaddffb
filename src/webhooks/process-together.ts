import type { AppContext } from '../context.js'
import {
  CONTACT_DELETED,
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
import {
  type ContactSnapshot,
  lockContactSnapshots,
  saveContactSnapshot,
  saveContactSnapshots,
  type SnapshotWrite,
} from '../ledger/contact-snapshots.js'
import type { Trx } from '../ledger/db-types.js'
import { findParticipantsByContact } from '../ledger/participants.js'
import { erasedPeople } from '../ledger/privacy/identity-hash.js'
import type { Campaign, Participant } from '../ledger/types.js'
import {
  lockNotifications,
  markNotifications,
  type NotificationChange,
  type StoredNotification,
} from '../ledger/webhook-notifications.js'
import { forgetPayload } from './erase-deleted-contact.js'
import {
  newReferralCodes,
  type Outcome,
  ownAttributeNames,
  type Plan,
  processed,
  ruleStandardFields,
} from './process-notification.js'
import {
  linkInvitedContact,
  type PendingReferral,
  pendingReferralsOf,
  qualifyFromContact,
  qualifyPendingReferrals,
} from './qualify-from-contact.js'

/** How a run of notifications processed together ended (see processNotificationsTogether). */
export interface TogetherResult {
  /** How many of the ids, from the first, were settled in the shared transaction. */
  readonly settled: number
  /**
   * The last settled one, when it carries a new referral code: planned in the transaction, its
   * attribution and the rest are processNotification's (before the contact's next notification).
   */
  readonly continueWith: string | null
  /** It ended before the first that needs steps of its own, to give the session to others. */
  readonly endedEarly: boolean
}

/** A notification of the run about a contact, parsed. */
interface AboutContact {
  readonly stored: StoredNotification
  readonly notification: Notification
  readonly item: ContactItem
}

type Entry =
  | { readonly kind: 'settled' }
  | { readonly kind: 'invalid'; readonly id: string }
  | ({ readonly kind: 'contact' } & AboutContact)

/** What the run read about one workspace's contacts, once for all its notifications. */
interface WorkspaceReads {
  readonly campaigns: Campaign[]
  readonly erased: Set<string>
  /** Each contact's snapshot as the run's notifications leave it (locked for the transaction). */
  readonly snapshots: Map<string, { snapshot: ContactSnapshot; isNew: boolean }>
  /** Participants known by contact id, with their pending referrals as the run leaves them. */
  readonly friends: Map<string, { participant: Participant; pending: PendingReferral[] }>
  /** Contacts the run may have linked: their next notifications read the ledger afresh. */
  readonly readAfresh: Set<string>
}

/**
 * Processes a run of claimed notifications, in the order given, in one transaction and with a few
 * statements for all of them: the notifications locked at once, each workspace's erased people,
 * contact snapshots, campaigns, participants and pending referrals read once, the snapshots
 * written and the notifications marked at the end, one statement each. Only a qualification (the
 * ledger's own steps) or linking an invited contact still runs per notification. One contact's
 * notifications are applied one after another, each seeing the snapshot the previous one left.
 *
 * It stops (and commits what it settled) at the first one that needs steps of its own (a deletion,
 * a merge, a retry of a planned one, a new referral code): the caller carries on with
 * processNotification, so one contact's notifications keep their order. If the transaction fails,
 * nothing of it is kept and the caller processes each alone.
 */
export async function processNotificationsTogether(
  ctx: Pick<AppContext, 'db' | 'logger'>,
  ids: readonly string[],
  /** Asked after each notification: true ends the run there (what it settled is committed). */
  endEarly: () => boolean = () => false,
): Promise<TogetherResult> {
  const finished: Array<{ notification: Notification; plan: Plan; outcome: Outcome }> = []
  const result = await ctx.db.transaction().execute(async (trx): Promise<TogetherResult> => {
    const entries = await entriesOf(trx, ids)
    const reads = await readWorkspaces(trx, entries)
    const changes: NotificationChange[] = []
    const snapshotWrites = new Map<string, SnapshotWrite>()
    /** Writes a contact's snapshot now, for ledger steps that may read it (rewards on a sale value). */
    const flushSnapshot = async (key: string) => {
      const write = snapshotWrites.get(key)
      if (!write) return
      snapshotWrites.delete(key)
      await saveContactSnapshot(trx, write)
    }
    let settled = 0
    let continueWith: string | null = null
    let endedEarly = false
    for (const entry of entries) {
      if (settled > 0 && endEarly()) {
        endedEarly = true
        break
      }
      settled++
      if (entry.kind === 'settled') continue
      if (entry.kind === 'invalid') {
        changes.push(skipped(entry.id, 'not_a_contact_notification'))
        continue
      }
      const { stored, notification, item } = entry
      const workspaceId = stored.workspaceId
      const read = reads.get(workspaceId)!
      // An erased person stays erased: news about their contact is dropped, payload and all.
      if (read.erased.has(item.id)) {
        await forgetPayload(trx, stored.id)
        changes.push(skipped(stored.id, 'erased_person'))
        continue
      }
      const { snapshot, isNew } = read.snapshots.get(item.id)!
      // Intercom does not order deliveries: an older state than the one we hold is history, not news.
      if (snapshot.lastNotificationAt && snapshot.lastNotificationAt > stored.notifiedAt) {
        changes.push(skipped(stored.id, 'stale'))
        continue
      }
      const { campaigns } = read
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
      const decided: Plan = {
        contactId: item.id,
        codes,
        // The app's own attribute writes come back as contact.*.updated: they must change nothing.
        evaluate: !ownOnly || stored.topic === 'contact.lead.signed_up',
        changed,
        merge: null,
      }
      const key = `${workspaceId}\u0000${item.id}`
      snapshotWrites.set(key, {
        workspaceId,
        contactId: item.id,
        notificationId: stored.notificationId,
        notifiedAt: stored.notifiedAt,
        state,
      })
      read.snapshots.set(item.id, {
        snapshot: {
          ...state,
          workspaceId,
          contactId: item.id,
          lastNotificationAt: stored.notifiedAt,
          lastNotificationId: stored.notificationId,
        },
        isNew: false,
      })
      if (codes.length > 0) {
        changes.push({ id: stored.id, status: 'planned', plan: decided })
        continueWith = stored.id
        break
      }
      const outcome: Outcome = decided.evaluate
        ? await linkAndQualify(trx, entry, read, campaigns, () => flushSnapshot(key))
        : { attribution: [], linked: false, qualification: [] }
      changes.push({ id: stored.id, status: 'processed', plan: decided, outcome })
      finished.push({ notification, plan: decided, outcome })
    }
    await saveContactSnapshots(trx, [...snapshotWrites.values()])
    await markNotifications(trx, changes)
    return { settled, continueWith, endedEarly }
  })
  for (const done of finished) processed(ctx, done.notification, done.plan, done.outcome)
  return result
}

function skipped(id: string, reason: string): NotificationChange {
  return { id, status: 'skipped', outcome: { reason } }
}

/**
 * The run's notifications, locked and parsed, up to the first that goes alone (a deletion, a
 * planned one's retry, a merge): those after it wait for the next run.
 */
async function entriesOf(trx: Trx, ids: readonly string[]): Promise<Entry[]> {
  const stored = await lockNotifications(trx, ids)
  const entries: Entry[] = []
  for (const id of ids) {
    const one = stored.get(id)
    if (!one || one.status === 'processed' || one.status === 'skipped') {
      entries.push({ kind: 'settled' })
      continue
    }
    if (one.topic === CONTACT_DELETED || one.status === 'planned') break
    const notification = notificationSchema.safeParse(one.payload)
    const item = notification.success
      ? contactItemSchema.safeParse(notification.data.data.item)
      : null
    if (!notification.success || !item?.success || !isHandledTopic(one.topic)) {
      entries.push({ kind: 'invalid', id })
      continue
    }
    // A merge repoints the ledger: its own steps, as processNotification takes them.
    if (one.topic === 'contact.merged' && mergedFromId(notification.data, item.data)) break
    entries.push({ kind: 'contact', stored: one, notification: notification.data, item: item.data })
  }
  return entries
}

/** Everything the run needs to know per workspace, a few statements each. */
async function readWorkspaces(
  trx: Trx,
  entries: readonly Entry[],
): Promise<Map<string, WorkspaceReads>> {
  const byWorkspace = new Map<string, ContactItem[]>()
  for (const entry of entries) {
    if (entry.kind !== 'contact') continue
    const items = byWorkspace.get(entry.stored.workspaceId)
    if (items) items.push(entry.item)
    else byWorkspace.set(entry.stored.workspaceId, [entry.item])
  }
  const reads = new Map<string, WorkspaceReads>()
  for (const [workspaceId, items] of byWorkspace) {
    const people = items.map((item) => ({ contactId: item.id, email: item.email ?? null }))
    const erasedFlags = await erasedPeople(trx, workspaceId, people)
    const erased = new Set(items.filter((_, at) => erasedFlags[at]).map((item) => item.id))
    const contactIds = items.map((item) => item.id).filter((id) => !erased.has(id))
    const snapshots = await lockContactSnapshots(trx, workspaceId, contactIds)
    const campaigns = await listCampaigns(trx, workspaceId)
    const participants = await findParticipantsByContact(trx, workspaceId, contactIds)
    const pending = await pendingReferralsOf(
      trx,
      workspaceId,
      [...participants.values()].map((participant) => participant.id),
    )
    const friends = new Map<string, { participant: Participant; pending: PendingReferral[] }>()
    for (const [contactId, participant] of participants)
      friends.set(contactId, { participant, pending: pending.get(participant.id) ?? [] })
    reads.set(workspaceId, { campaigns, erased, snapshots, friends, readAfresh: new Set() })
  }
  return reads
}

/**
 * Link and qualify, as processNotification's finish does. A contact the ledger knows by its id
 * cannot be linked, and its pending referrals were read with the run's; one it does not know is
 * linked (if its email names an invited friend) and qualified as processNotification would, and
 * read afresh by its next notifications. `beforeLedgerSteps` writes the contact's snapshot first.
 */
async function linkAndQualify(
  trx: Trx,
  entry: AboutContact,
  read: WorkspaceReads,
  campaigns: readonly Campaign[],
  beforeLedgerSteps: () => Promise<void>,
): Promise<Outcome> {
  const { stored, notification, item } = entry
  const workspaceId = stored.workspaceId
  const actor = { type: 'webhook', id: notification.id } as const
  const input = {
    workspaceId,
    campaigns: campaigns.filter((campaign) => campaign.status === 'active'),
    item,
    topic: notification.topic,
    actor,
  }
  const friend = read.friends.get(item.id)
  if (!friend) {
    // Unknown by contact id and without an email: nothing to link, no referral to qualify.
    if (!item.email && !read.readAfresh.has(item.id))
      return { attribution: [], linked: false, qualification: [] }
    read.readAfresh.add(item.id)
    await beforeLedgerSteps()
    const linked = await linkInvitedContact(trx, workspaceId, item, actor)
    const qualification = await qualifyFromContact(trx, input)
    return { attribution: [], linked, qualification }
  }
  if (friend.pending.length === 0) return { attribution: [], linked: false, qualification: [] }
  await beforeLedgerSteps()
  const qualification = await qualifyPendingReferrals(trx, input, friend.pending)
  const settledIds = new Set(
    qualification.filter((one) => one.result === 'qualified').map((one) => one.referralId),
  )
  friend.pending = friend.pending.filter((referral) => !settledIds.has(referral.id))
  return { attribution: [], linked: false, qualification }
}
