import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deliverStripeCouponReward,
  stripeCouponId,
} from '../../src/billing/stripe-coupon-reward.js'
import type { AppContext } from '../../src/context.js'
import type { Express } from 'express'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { toReward } from '../../src/ledger/rewards.js'
import { fulfilReward } from '../../src/rewards/fulfil-reward.js'
import { startFakeStripe, type FakeStripe } from '../fake-stripe/server.js'
import { ADMIN_KEY } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { SYSTEM } from '../support/ledger.js'
import { campaignWith, newReferrer, referFriend, rewardRows } from '../support/rewards.js'
import { deliverStripeCredit } from '../../src/billing/stripe-credit.js'

const CHANNELS = { creditInStripe: deliverStripeCredit, couponInStripe: deliverStripeCouponReward }

// "20% off for the friend" with Stripe connected: the app creates the rule's coupon once and a
// single-use promotion code per friend, against a fake Stripe as strict as the API reference.

const TWENTY_OFF = {
  rules: [
    {
      id: 'friend-20',
      recipient: 'friend' as const,
      kind: 'coupon' as const,
      couponSource: 'stripe' as const,
      percentOff: 20,
    },
  ],
}

let stripe: FakeStripe
let app: Express
let ctx: AppContext

beforeAll(async () => {
  stripe = await startFakeStripe()
  ;({ app, ctx } = await testApp({ STRIPE_API_BASE_URL: stripe.url }))
})

afterAll(async () => {
  await stripe?.close()
})

async function connected() {
  const { workspaceId, campaign } = await campaignWith(ctx.db, { rewards: TWENTY_OFF })
  const res = await request(app)
    .put(`/api/v1/workspaces/${workspaceId}/billing/stripe`)
    .set('authorization', `Bearer ${ADMIN_KEY}`)
    .send({ secretKey: stripe.secretKey, webhookSecret: 'whsec_test_0123456789abcdef' })
  expect(res.status).toBe(200)
  return { workspaceId, campaign }
}

async function qualifiedFriend(workspaceId: string, referrerId: string) {
  const { referralId } = await referFriend(ctx.db, workspaceId, referrerId)
  await qualifyReferral(ctx.db, { workspaceId, referralId, actor: SYSTEM })
  const rows = await rewardRows(ctx.db, workspaceId)
  return rows.find((row) => row.referral_id === referralId)!
}

describe('percentage coupons created in Stripe', () => {
  it('one coupon for the rule, one single-use promotion code per friend, shown on the reward', async () => {
    const { workspaceId, campaign } = await connected()
    const referrer = await newReferrer(ctx.db, workspaceId)
    const first = await qualifiedFriend(workspaceId, referrer.id)
    expect(first).toMatchObject({
      kind: 'coupon',
      recipient_role: 'friend',
      status: 'approved',
      description: '20% off',
      coupon_code: null,
    })

    expect(await fulfilReward(ctx, { workspaceId, rewardId: first.id }, CHANNELS)).toMatchObject({
      kind: 'fulfilled',
      stripe: 'sent',
    })
    const couponId = stripeCouponId(campaign.id, TWENTY_OFF.rules[0] as never)
    expect(stripe.state.coupons.get(couponId)).toMatchObject({
      percent_off: 20,
      amount_off: null,
      duration: 'once',
    })
    const issued = (await rewardRows(ctx.db, workspaceId)).find((r) => r.id === first.id)!
    expect(issued.status).toBe('fulfilled')
    expect(issued.coupon_code).toMatch(/^FRIEND[0-9A-F]{6}$/)
    const code = [...stripe.state.promotionCodes.values()].find(
      (c) => c.code === issued.coupon_code,
    )
    expect(code).toMatchObject({
      promotion: { type: 'coupon', coupon: couponId },
      max_redemptions: 1,
      metadata: { reward_id: first.id },
    })

    // A second friend: the same coupon (found, not created again), a code of their own.
    const second = await qualifiedFriend(workspaceId, referrer.id)
    await fulfilReward(ctx, { workspaceId, rewardId: second.id }, CHANNELS)
    const codes = [...stripe.state.promotionCodes.values()].filter(
      (c) => (c.promotion as { coupon: string }).coupon === couponId,
    )
    expect(codes).toHaveLength(2)
    expect(
      stripe.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/coupons'),
    ).toHaveLength(1)

    // The job retried after a crash before the code was stored: Stripe replays, no third code.
    const replay = await deliverStripeCouponReward(ctx, toReward({ ...second, coupon_code: null }))
    expect(replay.kind).toBe('sent')
    expect(
      [...stripe.state.promotionCodes.values()].filter(
        (c) => (c.promotion as { coupon: string }).coupon === couponId,
      ),
    ).toHaveLength(2)
    expect(
      stripe.state.requests.filter(
        (r) => r.idempotencyKey === `${second.id}-promotion-code` && r.replayed,
      ),
    ).toHaveLength(1)

    // The code is listed where the reward is (the API's reward list, the dashboard's table).
    const listed = await request(app)
      .get(`/api/v1/workspaces/${workspaceId}/rewards?status=fulfilled`)
      .set('authorization', `Bearer ${ADMIN_KEY}`)
    expect(JSON.stringify(listed.body)).toContain(issued.coupon_code!)
    const table = await request(app)
      .get(`/admin/w/${workspaceId}/rewards?status=fulfilled`)
      .set('authorization', `Bearer ${ADMIN_KEY}`)
    expect(table.status).toBe(200)
    expect(table.text).toContain(`Code <code class="coupon-code">${issued.coupon_code}</code>`)
  })

  it('without Stripe nothing is created in Stripe and the reward carries no code', async () => {
    const { workspaceId } = await campaignWith(ctx.db, { rewards: TWENTY_OFF })
    const referrer = await newReferrer(ctx.db, workspaceId)
    const reward = await qualifiedFriend(workspaceId, referrer.id)
    const before = stripe.state.promotionCodes.size
    expect(await deliverStripeCouponReward(ctx, toReward(reward))).toEqual({
      kind: 'skipped',
      reason: 'Stripe is not connected',
    })
    expect(stripe.state.promotionCodes.size).toBe(before)
  })

  it('the fake refuses coupons the API reference refuses', async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${stripe.url}/v1/coupons`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stripe.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      })
    const neither = await post({ duration: 'once' })
    expect(neither.status).toBe(400)
    const both = await post({ percent_off: '10', amount_off: '100', currency: 'usd' })
    expect(both.status).toBe(400)
    const tooMuch = await post({ percent_off: '120' })
    expect(((await tooMuch.json()) as { error: { param: string } }).error.param).toBe('percent_off')
    expect((await post({ id: 'SPRING', percent_off: '15' })).status).toBe(200)
    const again = await post({ id: 'SPRING', percent_off: '15' })
    expect(again.status).toBe(400)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      'resource_already_exists',
    )
    const missing = await fetch(`${stripe.url}/v1/coupons/NOPE`, {
      headers: { authorization: `Bearer ${stripe.secretKey}` },
    })
    expect(missing.status).toBe(404)
  })
})
