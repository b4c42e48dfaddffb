import { describe, expect, it } from 'vitest'
import { releaseHeldRewards } from '../../src/billing/hold-release.js'
import { deliverStripeCredit } from '../../src/billing/stripe-credit.js'
import { toReward } from '../../src/ledger/rewards.js'
import { rejectReferral } from '../../src/ledger/referrals.js'
import { eventually } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'
import { chargeRefunded, customerEvent, invoicePaid } from '../fake-stripe/events.js'
import {
  world,
  WORKSPACE,
  afterHold,
  commissions,
  deliver,
  eventsOf,
  referredFriend,
  useBillingWorld,
} from '../support/stripe-billing.js'

// Stripe billing, rewards paid as Stripe credit: webhook to ledger to Intercom (set-up in test/support/stripe-billing.ts).
useBillingWorld()

describe('Stripe billing: rewards paid in Stripe', { timeout: 180_000 }, () => {
  it("after fulfilment a refund becomes a deduction from the referrer's next reward, paid as Stripe credit", async () => {
    const { referral, customer, email, referrerEmail } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
      creditRewardsAs: 'balance',
    })
    // The referrer is a paying customer too: their customer record links them for credits.
    const referrerCustomer = world.stripe.addCustomer({ email: referrerEmail })
    await deliver(
      customerEvent('customer.created', { id: referrerCustomer.id, email: referrerEmail }),
    )

    const first = invoicePaid({ customer: customer.id, email, amountPaid: 10000 })
    await deliver(first.event)
    await releaseHeldRewards(world.sut.ctx, afterHold())
    const [earned] = await commissions(referral.id)
    await eventually(
      async () => (await commissions(referral.id))[0]?.status === 'fulfilled',
      'commission fulfilled',
    )
    const credit = world.stripe.state.balanceTransactions.find(
      (t) => t.metadata.reward_id === earned!.id,
    )
    expect(credit).toMatchObject({ customer: referrerCustomer.id, amount: -1000, currency: 'usd' })
    expect(
      world.stripe.state.requests.find((r) => r.path.endsWith('/balance_transactions'))
        ?.idempotencyKey,
    ).toBe(earned!.id)

    await deliver(
      chargeRefunded({
        chargeId: first.invoice.charge,
        invoiceId: first.invoice.id,
        customer: customer.id,
        amount: 10000,
        refunded: 4000,
      }),
    )
    expect((await commissions(referral.id))[0]?.status).toBe('fulfilled')
    expect(await eventsOf(earned!.id)).toContainEqual(
      expect.objectContaining({
        type: 'reward.adjustment_recorded',
        data: expect.objectContaining({ amountMinor: -400, currency: 'USD' }),
      }),
    )

    const second = invoicePaid({ customer: customer.id, email, amountPaid: 10000 })
    await deliver(second.event)
    await releaseHeldRewards(world.sut.ctx, afterHold())
    await eventually(
      async () => (await commissions(referral.id))[1]?.status === 'fulfilled',
      'second fulfilled',
    )
    const next = (await commissions(referral.id))[1]!
    expect(next.amount_minor).toBe(600)
    expect(
      world.stripe.state.balanceTransactions
        .filter((t) => t.customer === referrerCustomer.id)
        .map((t) => t.amount),
    ).toEqual([-1000, -600])
  })

  it('pays a reward as a one-off promotion code; a retried delivery creates no second code', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 50,
      holdDays: 0,
      creditRewardsAs: 'promotion_code',
    })
    await deliver(invoicePaid({ customer: customer.id, email, amountPaid: 2000 }).event)
    await eventually(
      async () => (await commissions(referral.id))[0]?.status === 'fulfilled',
      'code delivered',
    )
    const row = await world.sut.ctx.db
      .selectFrom('rewards')
      .selectAll()
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow()
    expect(row.coupon_code).toMatch(/^FRIEND/)
    const codes = () =>
      [...world.stripe.state.promotionCodes.values()].filter(
        (c) => (c.metadata as Record<string, string>).reward_id === row.id,
      )
    expect(codes()).toHaveLength(1)
    const coupon = world.stripe.state.coupons.get(
      (codes()[0]!.promotion as { coupon: string }).coupon,
    )
    expect(coupon).toMatchObject({
      amount_off: 1000,
      currency: 'usd',
      duration: 'once',
      max_redemptions: 1,
    })
    // The job retried after a crash: same Idempotency-Key, Stripe replays, nothing new is created.
    expect(await deliverStripeCredit(world.sut.ctx, toReward(row))).toEqual({
      kind: 'sent',
      via: 'promotion_code',
    })
    expect(codes()).toHaveLength(1)
    expect(
      world.stripe.state.requests.filter((r) => r.idempotencyKey === row.id && r.replayed),
    ).toHaveLength(1)
  })

  it('when the hold ends, a commission of a referral rejected meanwhile waits for a person', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
    })
    await deliver(invoicePaid({ customer: customer.id, email, amountPaid: 5000 }).event)
    await rejectReferral(world.sut.ctx.db, {
      workspaceId: WORKSPACE,
      referralId: referral.id,
      reason: 'duplicate account',
      actor: SYSTEM,
    })
    await releaseHeldRewards(world.sut.ctx, afterHold())
    expect((await commissions(referral.id))[0]).toMatchObject({
      status: 'pending',
      hold_until: null,
    })
  })
})
