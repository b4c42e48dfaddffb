import { describe, expect, it } from 'vitest'
import { contactAttributes } from '../../src/intercom/writeback/contact-attributes.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { freshDatabase } from '../support/db.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

const { db } = await freshDatabase()
const URL = 'https://referrals.example.test'

describe('contactAttributes', () => {
  it("gives a referrer's and a friend's values under the campaign's names, leaving switched-off ones out", async () => {
    const { workspaceId, campaign } = await newWorkspace(db)
    await updateCampaign(db, {
      workspaceId,
      campaignId: campaign.id,
      settings: {
        ...campaign.settings,
        attributes: {
          ...campaign.settings.attributes,
          referral_count: 'friends',
          referral_link: null,
        },
      },
      actor: SYSTEM,
    })
    const { referrer, participant } = await newReferrer(db, workspaceId)
    const { referral, friend } = await attributeReferral(db, {
      workspaceId,
      referrer: { code: referrer.code },
      friend: { contactId: 'friend-contact', email: 'friend@other.test' },
      source: 'api',
      actor: SYSTEM,
    })
    await qualifyReferral(db, { workspaceId, referralId: referral.id, actor: SYSTEM })

    const sut = await contactAttributes(db, URL, workspaceId, participant.id)
    expect(sut?.contactId).toBe(participant.contactId)
    expect(sut?.attributes).toEqual({
      referral_code: referrer.code,
      friends: 1,
      referral_converted_count: 1,
      referral_last_at: expect.any(Number),
    })
    const asFriend = await contactAttributes(db, URL, workspaceId, friend.id)
    expect(asFriend).toEqual({
      contactId: 'friend-contact',
      attributes: { referred_by_code: referrer.code, referral_status: 'qualified' },
    })
  })

  it("finds nothing for another workspace's participant", async () => {
    const { workspaceId } = await newWorkspace(db)
    const other = await newWorkspace(db)
    const { participant } = await newReferrer(db, workspaceId)
    expect(await contactAttributes(db, URL, other.workspaceId, participant.id)).toBeNull()
  })
})
