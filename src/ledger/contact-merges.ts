import type { Trx } from './db-types.js'
import { markContactsChanged } from './contact-changes.js'
import { recordEvent } from './events.js'
import type { Actor } from './types.js'

export interface MergeResult {
  readonly outcome: 'nothing_known' | 'already_merged' | 'contact_repointed' | 'referrals_repointed'
  readonly repointedReferrals: number
  readonly repointedReferrers: number
  /** Referrals left where they were: the surviving person already had one in that campaign. */
  readonly keptReferrals: number
}

/**
 * Intercom merged contact `fromContactId` (usually a lead) into `toContactId`: the person known by
 * the old id takes the new one; when both are known, the old person's referrals move to the new
 * person wherever that breaks no rule (one referral per friend per campaign, no self-referral).
 */
export async function repointMergedContact(
  trx: Trx,
  input: { workspaceId: string; fromContactId: string; toContactId: string; actor: Actor },
): Promise<MergeResult> {
  const none = { repointedReferrals: 0, repointedReferrers: 0, keptReferrals: 0 }
  if (input.fromContactId === input.toContactId) return { outcome: 'already_merged', ...none }
  // Both rows locked in id order, like the ledger's other two-person operations.
  const people = await trx
    .selectFrom('participants')
    .select(['id', 'contact_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('contact_id', 'in', [input.fromContactId, input.toContactId])
    .orderBy('id')
    .forUpdate()
    .execute()
  const from = people.find((person) => person.contact_id === input.fromContactId)
  const to = people.find((person) => person.contact_id === input.toContactId)
  if (!from) return { outcome: to ? 'already_merged' : 'nothing_known', ...none }

  if (!to) {
    await trx
      .updateTable('participants')
      .set({ contact_id: input.toContactId, updated_at: new Date() })
      .where('id', '=', from.id)
      .execute()
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      type: 'participant.contact_merged',
      subject: { type: 'participant', id: from.id },
      actor: input.actor,
      data: { fromContactId: input.fromContactId, toContactId: input.toContactId },
    })
    await markContactsChanged(trx, input.workspaceId, [from.id])
    return { outcome: 'contact_repointed', ...none }
  }

  let repointedReferrals = 0
  let keptReferrals = 0
  const asFriend = await trx
    .selectFrom('referrals')
    .select(['id', 'campaign_id', 'referrer_participant_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('friend_participant_id', '=', from.id)
    .forUpdate()
    .execute()
  for (const referral of asFriend) {
    const taken = await trx
      .selectFrom('referrals')
      .select('id')
      .where('campaign_id', '=', referral.campaign_id)
      .where('friend_participant_id', '=', to.id)
      .executeTakeFirst()
    if (taken || referral.referrer_participant_id === to.id) {
      keptReferrals++
      continue
    }
    await trx
      .updateTable('referrals')
      .set({ friend_participant_id: to.id, updated_at: new Date() })
      .where('id', '=', referral.id)
      .execute()
    repointedReferrals++
  }

  let repointedReferrers = 0
  const asReferrer = await trx
    .selectFrom('referrers')
    .select(['id', 'campaign_id'])
    .where('workspace_id', '=', input.workspaceId)
    .where('participant_id', '=', from.id)
    .forUpdate()
    .execute()
  for (const referrer of asReferrer) {
    const taken = await trx
      .selectFrom('referrers')
      .select('id')
      .where('campaign_id', '=', referrer.campaign_id)
      .where('participant_id', '=', to.id)
      .executeTakeFirst()
    const refersSurvivor = await trx
      .selectFrom('referrals')
      .select('id')
      .where('referrer_id', '=', referrer.id)
      .where('friend_participant_id', '=', to.id)
      .executeTakeFirst()
    if (taken || refersSurvivor) continue
    await trx
      .updateTable('referrers')
      .set({ participant_id: to.id })
      .where('id', '=', referrer.id)
      .execute()
    await trx
      .updateTable('referrals')
      .set({ referrer_participant_id: to.id, updated_at: new Date() })
      .where('referrer_id', '=', referrer.id)
      .execute()
    repointedReferrers++
  }

  await recordEvent(trx, {
    workspaceId: input.workspaceId,
    type: 'participant.contact_merged',
    subject: { type: 'participant', id: to.id },
    actor: input.actor,
    data: {
      fromContactId: input.fromContactId,
      toContactId: input.toContactId,
      fromParticipantId: from.id,
      repointedReferrals,
      repointedReferrers,
      keptReferrals,
    },
  })
  await markContactsChanged(trx, input.workspaceId, [to.id])
  return { outcome: 'referrals_repointed', repointedReferrals, repointedReferrers, keptReferrals }
}
