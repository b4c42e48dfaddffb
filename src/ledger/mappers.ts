import type { CampaignRow } from '../../db/tables/campaigns.js'
import type { ParticipantRow } from '../../db/tables/participants.js'
import type { ReferralRow } from '../../db/tables/referrals.js'
import type { ReferrerRow } from '../../db/tables/referrers.js'
import type { WorkspaceRow } from '../../db/tables/workspaces.js'
import { parseCampaignSettings } from './campaign-settings.js'
import type {
  Campaign,
  Participant,
  Referral,
  ReferralStatus,
  Referrer,
  Workspace,
} from './types.js'

// Rows stop here: the ledger hands out camelCase domain values only.

export function toWorkspace(row: WorkspaceRow): Workspace {
  return { id: row.id, name: row.name, region: row.region, status: row.status }
}

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    isDefault: row.is_default,
    status: row.status,
    settings: parseCampaignSettings(row.settings),
    version: row.version,
    updatedAt: row.updated_at,
  }
}

export function toParticipant(row: Omit<ParticipantRow, 'erased_at'>): Participant {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    contactId: row.contact_id,
    email: row.email,
    emailNormalized: row.email_normalized,
    emailPlusAddressed: row.email_plus_addressed,
    name: row.name,
    firstName: row.first_name,
  }
}

export function toReferrer(row: ReferrerRow, code: string): Referrer {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    participantId: row.participant_id,
    source: row.source,
    code,
    referralCount: row.referral_count,
    pendingCount: row.pending_count,
    convertedCount: row.converted_count,
    rejectedCount: row.rejected_count,
    clickCount: row.click_count,
    lastReferralAt: row.last_referral_at,
    createdAt: row.created_at,
    blockedAt: row.blocked_at ?? null,
    blockedReason: row.blocked_reason ?? null,
  }
}

export function toReferral(row: ReferralRow): Referral {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    referrerId: row.referrer_id,
    referrerParticipantId: row.referrer_participant_id,
    friendParticipantId: row.friend_participant_id,
    source: row.source,
    status: row.status as ReferralStatus,
    statusReason: row.status_reason,
    reviewReason: row.review_reason,
    createdAt: row.created_at,
    qualifiedAt: row.qualified_at,
    rejectedAt: row.rejected_at,
  }
}
