import { beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.js'
import { lockContactSnapshot, saveContactSnapshot } from '../../src/ledger/contact-snapshots.js'
import { InvalidTransitionError } from '../../src/ledger/errors.js'
import { onRewardApproved } from '../../src/rewards/reward-approval.js'
import { listCouponPools, poolStatus, uploadCoupons } from '../../src/rewards/reward-coupons.js'
import { installRewardIssuing } from '../../src/rewards/reward-issuing.js'
import { decideReward, type Reward } from '../../src/ledger/rewards.js'
import { qualifyReferral, rejectReferral } from '../../src/ledger/referrals.js'
import { approveReward } from '../../src/rewards/approve-reward.js'
import { freshDatabase, testDatabaseKind } from '../support/db.js'
import {
  ADMIN,
  campaignWith,
  eventTypes,
  newReferrer,
  referFriend,
  rewardRows,
  WEBHOOK,
} from '../support/rewards.js'

describe(`rewards on ${testDatabaseKind()}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase({ poolSize: 25 })
    installRewardIssuing(handle.db)
  })
  const qualify = (workspaceId: string, referralId: string) =>
    qualifyReferral(handle.db, { workspaceId, referralId, actor: WEBHOOK })

  describe('kinds', () => {
    it('issues a fixed amount to both sides, approved at once, with per-role keys', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: {
          rules: [
            { id: 'cash', kind: 'fixed', recipient: 'both', amountMinor: 2500, currency: 'usd' },
          ],
        },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const { referralId, contactId } = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, referralId)

      const rows = await rewardRows(handle.db, workspaceId)
      expect(
        rows.map((r) => [r.recipient_role, r.kind, r.amount_minor, r.currency, r.status]),
      ).toEqual(
        expect.arrayContaining([
          ['referrer', 'fixed', 2500, 'USD', 'approved'],
          ['friend', 'fixed', 2500, 'USD', 'approved'],
        ]),
      )
      expect(rows.map((r) => r.idempotency_key).sort()).toEqual([
        `rule:cash:referral:${referralId}:friend`,
        `rule:cash:referral:${referralId}:referrer`,
      ])
      const friendReward = rows.find((r) => r.recipient_role === 'friend')
      const friend = await handle.db
        .selectFrom('participants')
        .select('contact_id')
        .where('id', '=', friendReward?.participant_id ?? '')
        .executeTakeFirstOrThrow()
      expect(friend.contact_id).toBe(contactId)
    })

    it('issues points to the referrer', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'pts', kind: 'points', points: 150 }] },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, referralId)
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ kind: 'points', points: 150, recipient_role: 'referrer' })
    })

    it('computes a commission from the sale value on the friend contact, rounded half-up', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: {
          rules: [
            {
              id: 'commission',
              kind: 'commission',
              percent: 12.5,
              currency: 'USD',
              saleAttribute: 'custom_attributes.order_total',
            },
          ],
        },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const sold = await referFriend(handle.db, workspaceId, referrer.id)
      await handle.db.transaction().execute(async (trx) => {
        await lockContactSnapshot(trx, workspaceId, sold.contactId)
        await saveContactSnapshot(trx, {
          workspaceId,
          contactId: sold.contactId,
          notificationId: 'notif_1',
          notifiedAt: new Date(),
          state: {
            role: 'user',
            email: null,
            name: null,
            customAttributes: { order_total: '129.99' },
            attributes: {},
          },
        })
      })
      await qualify(workspaceId, sold.referralId)
      // 12.5% of 129.99 = 16.24875 → 16.25
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows.map((r) => [r.kind, r.amount_minor, r.currency])).toEqual([
        ['commission', 1625, 'USD'],
      ])

      const unknown = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, unknown.referralId)
      expect(await rewardRows(handle.db, workspaceId)).toHaveLength(1)
      const events = await eventTypes(handle.db, workspaceId, unknown.referralId)
      expect(events.find((e) => e.type === 'reward.not_issued')?.data).toMatchObject({
        reason: 'no sale value in custom_attributes.order_total',
      })
    })
  })

  describe('coupons', () => {
    it('dedupes uploads, hands each code out once, and waits when the pool is empty', async () => {
      const { workspaceId, campaign } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'cpn', kind: 'coupon', couponPool: 'spring' }] },
      })
      const upload = await uploadCoupons(handle.db, {
        workspaceId,
        campaignId: campaign.id,
        pool: 'spring',
        codes: ['SPRING-1', 'SPRING-2', 'SPRING-1', ' SPRING-2 '],
      })
      expect(upload).toMatchObject({ added: 2, skipped: 2, status: { total: 2, available: 2 } })
      const again = await uploadCoupons(handle.db, {
        workspaceId,
        campaignId: campaign.id,
        pool: 'spring',
        codes: ['SPRING-2'],
      })
      expect(again.added).toBe(0)

      const referrer = await newReferrer(handle.db, workspaceId)
      for (let i = 0; i < 3; i += 1) {
        const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
        await qualify(workspaceId, referralId)
      }
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows.map((r) => [r.status, r.status_reason])).toEqual([
        ['approved', null],
        ['approved', null],
        ['pending', 'coupon pool empty'],
      ])
      expect(rows.map((r) => r.coupon_code).sort()).toEqual(['SPRING-1', 'SPRING-2', null])
      expect(
        await poolStatus(handle.db, { workspaceId, campaignId: campaign.id, pool: 'spring' }),
      ).toEqual({ pool: 'spring', total: 2, available: 0, drawn: 2 })
      expect(await listCouponPools(handle.db, { workspaceId, campaignId: campaign.id })).toEqual([
        { pool: 'spring', total: 2, available: 0, drawn: 2 },
      ])

      const waiting = rows[2]?.id ?? ''
      await expect(
        approveReward({ db: handle.db }, { workspaceId, rewardId: waiting, actor: ADMIN }),
      ).rejects.toThrow(InvalidTransitionError)
      await uploadCoupons(handle.db, {
        workspaceId,
        campaignId: campaign.id,
        pool: 'spring',
        codes: ['SPRING-3'],
      })
      const approved = await approveReward(
        { db: handle.db },
        { workspaceId, rewardId: waiting, actor: ADMIN },
      )
      expect(approved.reward).toMatchObject({
        status: 'approved',
        couponCode: 'SPRING-3',
        statusReason: null,
      })
    })

    it('never hands a code out twice under 20 concurrent qualifications', async () => {
      const { workspaceId, campaign } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'cpn', kind: 'coupon', couponPool: 'launch' }] },
      })
      await uploadCoupons(handle.db, {
        workspaceId,
        campaignId: campaign.id,
        pool: 'launch',
        codes: Array.from({ length: 15 }, (_, i) => `LAUNCH-${i}`),
      })
      // Different referrers, so the qualifications do not queue on one referrer's row lock.
      const referrals = []
      for (let i = 0; i < 20; i += 1) {
        const referrer = await newReferrer(handle.db, workspaceId, `Person${i} Test`)
        referrals.push((await referFriend(handle.db, workspaceId, referrer.id)).referralId)
      }
      await Promise.all(referrals.map((id) => qualify(workspaceId, id)))

      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows).toHaveLength(20)
      const codes = rows.flatMap((r) => (r.coupon_code ? [r.coupon_code] : []))
      expect(codes).toHaveLength(15)
      expect(new Set(codes).size).toBe(15)
      expect(rows.filter((r) => r.status_reason === 'coupon pool empty')).toHaveLength(5)
      const assigned = await handle.db
        .selectFrom('coupon_codes')
        .select(['code', 'reward_id'])
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(assigned.every((c) => c.reward_id !== null)).toBe(true)
      expect(new Set(assigned.map((c) => c.reward_id)).size).toBe(15)
    })
  })

  describe('milestones, caps and approval', () => {
    it('rewards the referrer once, at the Nth qualified referral', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'third', kind: 'points', points: 1000, milestone: 3 }] },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const ids: string[] = []
      for (let i = 0; i < 4; i += 1) {
        ids.push((await referFriend(handle.db, workspaceId, referrer.id)).referralId)
      }
      await qualify(workspaceId, ids[0] ?? '')
      await qualify(workspaceId, ids[1] ?? '')
      expect(await rewardRows(handle.db, workspaceId)).toHaveLength(0)
      await qualify(workspaceId, ids[2] ?? '')
      await qualify(workspaceId, ids[3] ?? '')
      await rejectReferral(handle.db, {
        workspaceId,
        referralId: ids[3] ?? '',
        reason: 'refund',
        actor: ADMIN,
      })
      await qualifyReferral(handle.db, { workspaceId, referralId: ids[3] ?? '', actor: ADMIN })
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows.map((r) => r.idempotency_key)).toEqual([
        `rule:third:milestone:3:referrer:${referrer.id}`,
      ])
    })

    it('stops at the cap per referrer, and a declined reward frees its slot', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: {
          capPerReferrer: 2,
          rules: [{ id: 'cash', kind: 'fixed', amountMinor: 500, currency: 'EUR' }],
        },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      for (let i = 0; i < 3; i += 1) {
        const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
        await qualify(workspaceId, referralId)
      }
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows).toHaveLength(2)
      await decideReward(handle.db, {
        workspaceId,
        rewardId: rows[0]?.id ?? '',
        to: 'declined',
        reason: 'duplicate account',
        actor: ADMIN,
      })
      const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, referralId)
      const after = await rewardRows(handle.db, workspaceId)
      expect(after.filter((r) => r.status !== 'declined')).toHaveLength(2)
      expect(after).toHaveLength(3)
    })

    it('stops one rule at its own cap while the other rules keep paying', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: {
          rules: [
            { id: 'capped', kind: 'points', points: 10, cap: 2 },
            { id: 'open', kind: 'fixed', amountMinor: 100, currency: 'USD' },
          ],
        },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      for (let i = 0; i < 4; i += 1) {
        const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
        await qualify(workspaceId, referralId)
      }
      const rows = await rewardRows(handle.db, workspaceId)
      expect(rows.filter((r) => r.kind === 'points')).toHaveLength(2)
      expect(rows.filter((r) => r.kind === 'fixed')).toHaveLength(4)
      const skipped = await handle.db
        .selectFrom('events')
        .select('data')
        .where('workspace_id', '=', workspaceId)
        .where('type', '=', 'reward.not_issued')
        .execute()
      expect(skipped.map((e) => (e.data as { reason: string }).reason)).toEqual([
        'rule cap of 2 reached',
        'rule cap of 2 reached',
      ])
    })

    it('reverses an issued reward with its reason, which frees its slot and cannot be undone', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: {
          capPerReferrer: 1,
          rules: [{ id: 'cash', kind: 'fixed', amountMinor: 500, currency: 'EUR' }],
        },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const first = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, first.referralId)
      const [issued] = await rewardRows(handle.db, workspaceId)
      const sut = await decideReward(handle.db, {
        workspaceId,
        rewardId: issued?.id ?? '',
        to: 'reversed',
        reason: 'refunded',
        actor: ADMIN,
      })
      expect(sut.changed).toBe(true)
      expect(sut.reward).toMatchObject({ status: 'reversed', statusReason: 'refunded' })
      expect(sut.reward.reversedAt).toBeInstanceOf(Date)
      expect(await eventTypes(handle.db, workspaceId, issued?.id ?? '')).toContainEqual({
        type: 'reward.reversed',
        data: { from: 'approved', reason: 'refunded' },
      })
      await expect(
        decideReward(handle.db, {
          workspaceId,
          rewardId: issued?.id ?? '',
          to: 'approved',
          actor: ADMIN,
        }),
      ).rejects.toBeInstanceOf(InvalidTransitionError)
      const second = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, second.referralId)
      const after = await rewardRows(handle.db, workspaceId)
      expect(after.filter((r) => r.status !== 'reversed')).toHaveLength(1)
    })

    it('with manual approval, waits as pending until an admin approves', async () => {
      const approvedSeen: Reward[] = []
      const stop = onRewardApproved(handle.db, async (_trx, reward) => {
        approvedSeen.push(reward)
      })
      try {
        const { workspaceId } = await campaignWith(handle.db, {
          rewards: {
            manualApproval: true,
            rules: [{ id: 'cash', kind: 'fixed', amountMinor: 1000, currency: 'GBP' }],
          },
        })
        const referrer = await newReferrer(handle.db, workspaceId)
        const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
        await qualify(workspaceId, referralId)
        const [pending] = await rewardRows(handle.db, workspaceId)
        expect(pending?.status).toBe('pending')
        expect(approvedSeen.filter((r) => r.workspaceId === workspaceId)).toHaveLength(0)

        const sut = await approveReward(
          { db: handle.db },
          { workspaceId, rewardId: pending?.id ?? '', actor: ADMIN },
        )
        expect(sut).toMatchObject({ changed: true, reward: { status: 'approved' } })
        expect(approvedSeen.filter((r) => r.workspaceId === workspaceId)).toHaveLength(1)
        const twice = await approveReward(
          { db: handle.db },
          { workspaceId, rewardId: pending?.id ?? '', actor: ADMIN },
        )
        expect(twice.changed).toBe(false)
        expect(approvedSeen.filter((r) => r.workspaceId === workspaceId)).toHaveLength(1)
      } finally {
        stop()
      }
    })
  })

  describe('exactly once', () => {
    it('issues one reward when the same qualification arrives 3 times at once', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'cash', kind: 'fixed', amountMinor: 700, currency: 'USD' }] },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
      const results = await Promise.all([1, 2, 3].map(() => qualify(workspaceId, referralId)))
      expect(results.filter((r) => r.changed)).toHaveLength(1)
      expect(await rewardRows(handle.db, workspaceId)).toHaveLength(1)
    })

    it('does not issue again when a referral is qualified, rejected and qualified again', async () => {
      const { workspaceId } = await campaignWith(handle.db, {
        rewards: { rules: [{ id: 'cash', kind: 'fixed', amountMinor: 700, currency: 'USD' }] },
      })
      const referrer = await newReferrer(handle.db, workspaceId)
      const { referralId } = await referFriend(handle.db, workspaceId, referrer.id)
      await qualify(workspaceId, referralId)
      await rejectReferral(handle.db, { workspaceId, referralId, reason: 'oops', actor: ADMIN })
      await qualifyReferral(handle.db, { workspaceId, referralId, actor: ADMIN })
      expect(await rewardRows(handle.db, workspaceId)).toHaveLength(1)
    })
  })
})
