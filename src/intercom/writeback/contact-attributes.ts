import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { type AttributeKey, parseCampaignSettings } from '../../ledger/campaign-settings.js'
import { getParticipant } from '../../ledger/participants.js'
import {
  referralsAndReferrerCode,
  referrersAndPrimaryCode,
} from '../../ledger/primary-code-joins.js'

export type AttributeValue = string | number

export interface ContactWrite {
  readonly contactId: string | null
  /** Intercom attribute name → value, under each campaign's configured names. */
  readonly attributes: Record<string, AttributeValue>
}

/**
 * The contact's referral attributes as the ledger has them now. A participant can be a referrer
 * and a friend in several campaigns; the default campaign is applied last, so it wins when two
 * campaigns map a value to the same attribute name.
 */
export async function contactAttributes(
  db: Kysely<Database>,
  publicUrl: string,
  workspaceId: string,
  participantId: string,
): Promise<ContactWrite | null> {
  const participant = await getParticipant(db, workspaceId, participantId)
  if (!participant) return null

  const asReferrer = await referrersAndPrimaryCode(db, workspaceId)
    .innerJoin('campaigns', 'campaigns.id', 'referrers.campaign_id')
    .select([
      'campaigns.settings',
      'campaigns.is_default',
      'referral_codes.code',
      'referrers.referral_count',
      'referrers.converted_count',
      'referrers.last_referral_at',
    ])
    .where('referrers.participant_id', '=', participantId)
    .execute()

  const asFriend = await referralsAndReferrerCode(db, workspaceId)
    .innerJoin('campaigns', 'campaigns.id', 'referrals.campaign_id')
    .select([
      'campaigns.settings',
      'campaigns.is_default',
      'referral_codes.code',
      'referrals.status',
    ])
    .where('referrals.friend_participant_id', '=', participantId)
    .execute()

  const attributes: Record<string, AttributeValue> = {}
  const byDefaultLast = <T extends { is_default: boolean }>(rows: T[]) =>
    [...rows].sort((a, b) => Number(a.is_default) - Number(b.is_default))

  for (const row of byDefaultLast(asReferrer)) {
    const names = parseCampaignSettings(row.settings).attributes
    const set = (key: AttributeKey, value: AttributeValue | null) => {
      const name = names[key]
      if (name && value !== null) attributes[name] = value
    }
    set('referral_code', row.code)
    set('referral_link', `${publicUrl}/r/${row.code}`)
    set('referral_count', row.referral_count)
    set('referral_converted_count', row.converted_count)
    // A `date` attribute takes Unix seconds.
    set(
      'referral_last_at',
      row.last_referral_at ? Math.floor(row.last_referral_at.getTime() / 1000) : null,
    )
  }
  for (const row of byDefaultLast(asFriend)) {
    const names = parseCampaignSettings(row.settings).attributes
    if (names.referred_by_code) attributes[names.referred_by_code] = row.code
    if (names.referral_status) attributes[names.referral_status] = row.status
  }
  return { contactId: participant.contactId, attributes }
}
