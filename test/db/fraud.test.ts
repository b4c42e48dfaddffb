import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { getReferral, qualifyReferral, attributeReferral } from '../../src/ledger/referrals.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { newReferrer as ensureTestReferrer, SYSTEM } from '../support/ledger.js'
import {
  ADMIN,
  campaignWith,
  eventTypes,
  newReferrer,
  referFriend,
  rewardRows,
  WEBHOOK,
} from '../support/rewards.js'

const CASH: CampaignSettingsInput['rewards'] = {
  rules: [{ id: 'cash', kind: 'fixed', amountMinor: 1000, currency: 'USD' }],
}

describe(`fraud checks on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase()
    installRewardIssuing(handle.db)
  })

  /** A referral that fraud checks put under review: the webhook cannot qualify it, an admin can. */
  async function expectHeldThenReleased(workspaceId: string, referralId: string) {
    const held = await qualifyReferral(handle.db, { workspaceId, referralId, actor: WEBHOOK })
    expect(held).toMatchObject({ changed: false, heldForReview: true })
    expect((await getReferral(handle.db, workspaceId, referralId))?.status).toBe('pending')
    expect(await rewardRows(handle.db, workspaceId)).toHaveLength(0)
    const events = await eventTypes(handle.db, workspaceId, referralId)
    expect(events.map((e) => e.type)).toContain('referral.held_for_review')

    const released = await qualifyReferral(handle.db, { workspaceId, referralId, actor: ADMIN })
    expect(released.changed).toBe(true)
    expect(released.referral).toMatchObject({ status: 'qualified', reviewReason: null })
    expect(await rewardRows(handle.db, workspaceId)).toHaveLength(1)
  }

  it('sends a friend with a disposable email domain to review', async () => {
    const { workspaceId } = await campaignWith(handle.db, { rewards: CASH })
    const referrer = await newReferrer(handle.db, workspaceId)
    const sut = await referFriend(handle.db, workspaceId, referrer.id, {
      email: 'someone@mailinator.com',
    })
    expect(sut.reviewReason).toBe('disposable email domain (mailinator.com)')
    await expectHeldThenReleased(workspaceId, sut.referralId)
  })

  it('lets disposable domains through when the campaign switches the check off', async () => {
    const { workspaceId } = await campaignWith(handle.db, {
      fraud: { blockDisposableDomains: false },
    })
    const referrer = await newReferrer(handle.db, workspaceId)
    const sut = await referFriend(handle.db, workspaceId, referrer.id, {
      email: 'someone@yopmail.com',
    })
    expect(sut.reviewReason).toBeNull()
  })

  it('records a blocklisted friend, by address or domain, under review', async () => {
    const { workspaceId } = await campaignWith(handle.db, {
      rewards: CASH,
      fraud: { blocklist: ['Mallory@Example.org', 'fraud.test'] },
    })
    const referrer = await newReferrer(handle.db, workspaceId)
    const byAddress = await referFriend(handle.db, workspaceId, referrer.id, {
      email: 'mallory+1@example.org',
    })
    expect(byAddress.reviewReason).toBe('blocklisted friend (mallory@example.org)')
    const byDomain = await referFriend(handle.db, workspaceId, referrer.id, {
      email: 'eve@shop.fraud.test',
    })
    expect(byDomain.reviewReason).toBe('blocklisted friend (fraud.test)')
    await expectHeldThenReleased(workspaceId, byAddress.referralId)
  })

  it('sends likely self-referrals to review: the same mailbox name at another domain', async () => {
    const { workspaceId } = await campaignWith(handle.db, { rewards: CASH })
    const { referrer } = await ensureTestReferrer(
      handle.db,
      workspaceId,
      'Sam Stone',
      'sam.stone@acme.test',
    )
    const sut = await referFriend(handle.db, workspaceId, referrer.id, {
      email: 'samstone@elsewhere.test',
      name: 'S Stone',
    })
    expect(sut.reviewReason).toContain('possible self-referral')
    await expectHeldThenReleased(workspaceId, sut.referralId)
  })

  it('sends the referrals past maxReferralsPerHour to review', async () => {
    const { workspaceId } = await campaignWith(handle.db, {
      fraud: { maxReferralsPerHour: 3 },
    })
    const referrer = await newReferrer(handle.db, workspaceId)
    const reasons: (string | null)[] = []
    for (let i = 0; i < 5; i += 1) {
      reasons.push((await referFriend(handle.db, workspaceId, referrer.id)).reviewReason)
    }
    expect(reasons).toEqual([
      null,
      null,
      null,
      'more than 3 referrals from one referrer in an hour',
      'more than 3 referrals from one referrer in an hour',
    ])
  })

  it("keeps the caller's own review reason instead of running the checks", async () => {
    const { workspaceId } = await campaignWith(handle.db, {})
    const referrer = await newReferrer(handle.db, workspaceId)
    const sut = await attributeReferral(handle.db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { contactId: 'c-review', email: 'x@mailinator.com' },
      source: 'agent',
      reviewReason: 'agent asked for a second look',
      actor: SYSTEM,
    })
    expect(sut.referral.reviewReason).toBe('agent asked for a second look')
  })
})
