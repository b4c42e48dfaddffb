import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import type { Actor } from '../../src/ledger/types.js'
import { newReferrer as ensureTestReferrer, newWorkspace, SYSTEM } from './ledger.js'

export const WEBHOOK: Actor = { type: 'webhook' }
export const ADMIN: Actor = { type: 'admin', id: 'admin-1' }

/** A workspace whose default campaign has these settings (fraud velocity relaxed unless given). */
export async function campaignWith(db: Kysely<Database>, settings: CampaignSettingsInput) {
  const { workspaceId, campaign } = await newWorkspace(db)
  const updated = await updateCampaign(db, {
    workspaceId,
    campaignId: campaign.id,
    settings: { ...settings, fraud: { maxReferralsPerHour: 10_000, ...settings.fraud } },
    actor: SYSTEM,
  })
  return { workspaceId, campaign: updated }
}

/** A friend of this referrer, referred and pending; returns the referral id. */
export async function referFriend(
  db: Kysely<Database>,
  workspaceId: string,
  referrerId: string,
  friend: { email?: string; name?: string; contactId?: string } = {},
): Promise<{ referralId: string; contactId: string; reviewReason: string | null }> {
  const tag = randomBytes(4).toString('hex')
  const contactId = friend.contactId ?? `friend_${tag}`
  const result = await attributeReferral(db, {
    workspaceId,
    referrer: { referrerId },
    friend: {
      contactId,
      email: friend.email ?? `fran.${tag}@example.org`,
      name: friend.name ?? 'Fran Smith',
    },
    source: 'api',
    actor: SYSTEM,
  })
  return { referralId: result.referral.id, contactId, reviewReason: result.referral.reviewReason }
}

/** A referrer of the workspace's default campaign (the domain value, not the ensure result). */
export async function newReferrer(db: Kysely<Database>, workspaceId: string, name?: string) {
  return (await ensureTestReferrer(db, workspaceId, name)).referrer
}

/** The rewards of a workspace, oldest first, as plain rows for assertions. */
export async function rewardRows(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('rewards')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export async function eventTypes(db: Kysely<Database>, workspaceId: string, subjectId: string) {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
  return rows
}
