import { getCampaign } from '../ledger/campaigns.js'
import type { Db } from '../ledger/db-types.js'
import { getParticipant } from '../ledger/participants.js'
import { getReferral } from '../ledger/referrals.js'
import { getReferrer, referrerOfParticipant } from '../ledger/referrers.js'
import type { Campaign } from '../ledger/types.js'
import type { FriendFacts, ReferrerFacts } from './outbound-contact.js'

export function referralLink(publicUrl: string, code: string): string {
  return `${publicUrl}/r/${code}`
}

/** The referrer's figures as they are now (the job may run a while after enrolment). */
export async function referrerFacts(
  db: Db,
  publicUrl: string,
  campaign: Campaign,
  participantId: string,
): Promise<ReferrerFacts | null> {
  const participant = await getParticipant(db, campaign.workspaceId, participantId)
  const referrer = await referrerOfParticipant(db, campaign.workspaceId, campaign.id, participantId)
  if (!participant || !referrer) return null
  return {
    name: participant.name,
    code: referrer.code,
    link: referralLink(publicUrl, referrer.code),
    referralCount: referrer.referralCount,
    convertedCount: referrer.convertedCount,
    lastReferralAt: referrer.lastReferralAt,
    campaign: campaign.name,
    source: referrer.source,
  }
}

export async function friendFacts(
  db: Db,
  publicUrl: string,
  workspaceId: string,
  referralId: string,
): Promise<{ facts: FriendFacts; campaign: Campaign } | null> {
  const referral = await getReferral(db, workspaceId, referralId)
  if (!referral) return null
  const campaign = await getCampaign(db, workspaceId, referral.campaignId)
  const friend = await getParticipant(db, workspaceId, referral.friendParticipantId)
  const referrer = await getReferrer(db, workspaceId, referral.referrerId)
  const referrerPerson = await getParticipant(db, workspaceId, referral.referrerParticipantId)
  if (!friend || !referrer) return null
  return {
    campaign,
    facts: {
      name: friend.name,
      referrerName: referrerPerson?.name ?? null,
      referrerEmail: referrerPerson?.email ?? null,
      referrerCode: referrer.code,
      referrerLink: referralLink(publicUrl, referrer.code),
      campaign: campaign.name,
      source: referral.source,
      status: referral.status,
    },
  }
}
