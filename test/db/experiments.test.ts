import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { experimentInput } from '../../src/experiments/experiment-settings.js'
import {
  createExperiment,
  getExperiment,
  recordAssignment,
  stopExperiment,
  variantOf,
} from '../../src/experiments/experiments.js'
import { experimentStats } from '../../src/experiments/stats.js'
import { getCampaign } from '../../src/ledger/campaigns.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import { ADMIN, campaignWith, newReferrer, referFriend, WEBHOOK } from '../support/rewards.js'

describe(`experiments on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase()
    installRewardIssuing(handle.db)
  })

  async function setUp() {
    const { workspaceId, campaign } = await campaignWith(handle.db, {
      card: { headline: 'Invite friends', shareMessage: { de: 'Freunde {link}' } },
      rewards: {
        rules: [
          { id: 'base', kind: 'fixed', recipient: 'both', amountMinor: 1000, currency: 'USD' },
        ],
      },
    })
    const experiment = await createExperiment(
      handle.db,
      workspaceId,
      experimentInput.parse({
        name: 'Offer test',
        campaignId: campaign.id,
        variants: [
          { key: 'A', name: 'A: $10 each' },
          {
            key: 'B',
            name: 'B: $20 for both',
            headline: 'Give $20, get $20',
            shareMessage: { en: 'Get $20 with {link}' },
            referrerReward: { amountMinor: 2000, currency: 'usd' },
            friendReward: { amountMinor: 2000, currency: 'usd' },
          },
        ],
      }),
      ADMIN,
    )
    // One referrer in each variant (the hash decides; draw until both are there).
    const byVariant = new Map<string, Awaited<ReturnType<typeof newReferrer>>>()
    while (byVariant.size < 2) {
      const referrer = await newReferrer(handle.db, workspaceId, `Person${byVariant.size} Test`)
      const key = variantOf(experiment, referrer.id).key
      if (!byVariant.has(key)) byVariant.set(key, referrer)
    }
    return { workspaceId, campaign, experiment, a: byVariant.get('A')!, b: byVariant.get('B')! }
  }

  async function qualifiedFriend(workspaceId: string, referrerId: string) {
    const { referralId } = await referFriend(handle.db, workspaceId, referrerId)
    await qualifyReferral(handle.db, { workspaceId, referralId, actor: WEBHOOK })
    return referralId
  }

  const rewardsOf = (workspaceId: string, referralId: string) =>
    handle.db
      .selectFrom('rewards')
      .select(['recipient_role', 'amount_minor', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('referral_id', '=', referralId)
      .orderBy('recipient_role')
      .execute()

  it("keeps each referrer in one variant; friends get the offer of their referrer's variant", async () => {
    const { workspaceId, experiment, a, b } = await setUp()
    expect(await recordAssignment(handle.db, experiment, a.id)).toBe('A')
    expect(await recordAssignment(handle.db, experiment, b.id)).toBe('B')
    expect(await recordAssignment(handle.db, experiment, b.id)).toBe('B') // kept, recorded once
    const assigned = await handle.db
      .selectFrom('events')
      .select(['subject_id', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'experiment.assigned')
      .execute()
    expect(
      assigned.map((e) => [e.subject_id, (e.data as { variant: string }).variant]).sort(),
    ).toEqual(
      [
        [a.id, 'A'],
        [b.id, 'B'],
      ].sort(),
    )

    const fromA = await qualifiedFriend(workspaceId, a.id)
    const fromB = await qualifiedFriend(workspaceId, b.id)
    expect(
      (await rewardsOf(workspaceId, fromA)).map((r) => [r.recipient_role, r.amount_minor]),
    ).toEqual([
      ['friend', 1000],
      ['referrer', 1000],
    ])
    expect(
      (await rewardsOf(workspaceId, fromB)).map((r) => [r.recipient_role, r.amount_minor]),
    ).toEqual([
      ['friend', 2000],
      ['referrer', 2000],
    ])

    const stats = await experimentStats(handle.db, experiment)
    expect(
      stats.map((s) => [s.key, s.cardViews, s.joined, s.converted, s.costPerConversionMinor]),
    ).toEqual([
      ['A', 1, 1, 1, [{ currency: 'USD', amountMinor: 2000 }]],
      ['B', 1, 1, 1, [{ currency: 'USD', amountMinor: 4000 }]],
    ])
    expect(stats[1]?.readout?.words).toMatch(/^Not enough data yet/)
  })

  it('stopping promotes a variant for everyone; rewards already earned do not change', async () => {
    const { workspaceId, campaign, experiment, a, b } = await setUp()
    await recordAssignment(handle.db, experiment, a.id)
    await recordAssignment(handle.db, experiment, b.id)
    const earnedInA = await qualifiedFriend(workspaceId, a.id)
    const before = await rewardsOf(workspaceId, earnedInA)

    const stopped = await stopExperiment(handle.db, workspaceId, experiment.id, 'B', ADMIN)
    expect(stopped).toMatchObject({ status: 'stopped', promotedVariant: 'B' })
    const promoted = await getCampaign(handle.db, workspaceId, campaign.id)
    expect(promoted.settings.card.headline).toBe('Give $20, get $20')
    // The winner's share message where it set one; the campaign's own in the other languages.
    expect(promoted.settings.card.shareMessage).toMatchObject({
      en: 'Get $20 with {link}',
      de: 'Freunde {link}',
      fr: null,
    })
    expect(promoted.settings.rewards.rules.map((r) => [r.recipient, r.amountMinor])).toEqual([
      ['referrer', 2000],
      ['friend', 2000],
    ])
    expect(await rewardsOf(workspaceId, earnedInA)).toEqual(before)
    // A referrer of the losing variant now earns the promoted offer.
    const afterStop = await qualifiedFriend(workspaceId, a.id)
    expect((await rewardsOf(workspaceId, afterStop)).map((r) => r.amount_minor)).toEqual([
      2000, 2000,
    ])
    await expect(stopExperiment(handle.db, workspaceId, experiment.id, 'A', ADMIN)).rejects.toThrow(
      /already stopped/,
    )
    expect((await getExperiment(handle.db, workspaceId, experiment.id)).promotedVariant).toBe('B')
  })
})
