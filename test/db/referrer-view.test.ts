import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { qualifyReferral, rejectReferral } from '../../src/ledger/referrals.js'
import { referrerViewOfContact } from '../../src/ledger/referrer-view.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { referredBy, rewardTotals } from '../../src/ledger/summaries.js'
import type { PersonInput } from '../../src/ledger/types.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { campaignWith, referFriend, WEBHOOK } from '../support/rewards.js'

// The card's one-statement read must say exactly what the separate reads say.
describe(`referrer view on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase()
    installRewardIssuing(handle.db)
  })

  it('reads campaign, counters, code, reward totals and referred-by in one statement', async () => {
    const { workspaceId, campaign } = await campaignWith(handle.db, {
      rewards: {
        rules: [
          { id: 'usd', kind: 'fixed', recipient: 'referrer', amountMinor: 2500, currency: 'usd' },
          { id: 'eur', kind: 'fixed', recipient: 'referrer', amountMinor: 1000, currency: 'eur' },
          { id: 'pts', kind: 'points', recipient: 'referrer', points: 50 },
        ],
      },
    })
    const person = { contactId: 'view_jane', email: 'jane.view@example.com', name: 'Jane View' }
    const { referrer } = await ensureReferrer(handle.db, {
      workspaceId,
      person,
      source: 'api',
      actor: SYSTEM,
    })
    const friends = []
    for (let i = 0; i < 3; i++)
      friends.push(await referFriend(handle.db, workspaceId, referrer.id, { name: `Friend ${i}` }))
    for (const friend of friends.slice(0, 2))
      await qualifyReferral(handle.db, {
        workspaceId,
        referralId: friend.referralId,
        actor: WEBHOOK,
      })
    await rejectReferral(handle.db, {
      workspaceId,
      referralId: friends[2]!.referralId,
      actor: WEBHOOK,
      reason: 'test',
    })

    const view = await referrerViewOfContact(handle.db, { workspaceId, campaignId: null, person })
    expect(view).not.toBeNull()
    expect(view!.campaign).toEqual(campaign)
    expect(view!.referrer).toMatchObject({
      id: referrer.id,
      code: referrer.code,
      referralCount: 3,
      convertedCount: 2,
      rejectedCount: 1,
      pendingCount: 0,
    })
    expect(view!.participant).toMatchObject({ contactId: 'view_jane', name: 'Jane View' })
    const totals = await rewardTotals(handle.db, workspaceId, view!.participant.id, campaign.id)
    expect(view!.rewards.count).toBe(6)
    expect(view!.rewards.points).toBe(100)
    expect([...view!.rewards.money].sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'EUR', amountMinor: 2000 },
      { currency: 'USD', amountMinor: 5000 },
    ])
    expect(view!.rewards.count).toBe(totals.count)
    expect(view!.referredBy).toBeNull()
    // the same campaign by id reads the same
    const byId = await referrerViewOfContact(handle.db, {
      workspaceId,
      campaignId: campaign.id,
      person,
    })
    expect(byId).toEqual(view)

    // a friend who became a referrer sees who referred them, with the referral's status
    const friendPerson = { contactId: friends[0]!.contactId }
    await ensureReferrer(handle.db, {
      workspaceId,
      person: friendPerson,
      source: 'api',
      actor: SYSTEM,
    })
    const friendView = await referrerViewOfContact(handle.db, {
      workspaceId,
      campaignId: null,
      person: friendPerson,
    })
    const by = await referredBy(handle.db, workspaceId, campaign.id, friendView!.participant.id)
    expect(friendView!.referredBy).toEqual({
      name: by!.referrerName,
      email: by!.referrerEmail,
      code: referrer.code,
      status: 'qualified',
    })
    expect(friendView!.rewards).toEqual({ count: 0, points: 0, money: [] })
  })

  it('sends the caller down the enrolling path when anything is missing', async () => {
    const { workspaceId, campaign } = await campaignWith(handle.db, {})
    const person: PersonInput = { contactId: 'view_sam', email: null, name: 'Sam' }
    const read = (p: PersonInput, campaignId: string | null = null) =>
      referrerViewOfContact(handle.db, { workspaceId, campaignId, person: p })
    expect(await read(person)).toBeNull()
    await ensureReferrer(handle.db, { workspaceId, person, source: 'api', actor: SYSTEM })
    expect(await read(person)).not.toBeNull()
    // an email the ledger does not have yet must be stored first
    expect(await read({ ...person, email: 'sam@example.com' })).toBeNull()
    // unknown or malformed campaign ids, and another workspace's campaign
    expect(await read(person, '00000000-0000-4000-8000-000000000000')).toBeNull()
    expect(await read(person, 'not-a-uuid')).toBeNull()
    const other = await campaignWith(handle.db, {})
    expect(await read(person, other.campaign.id)).toBeNull()
    expect(await read(person, campaign.id)).not.toBeNull()
  })
})
