import { describe, expect, it } from 'vitest'
import { releaseHeldRewards } from '../../src/billing/hold-release.js'
import { chargeRefunded, disputeEvent, invoicePaid } from '../fake-stripe/events.js'
import {
  world,
  afterHold,
  commissions,
  deliver,
  eventsOf,
  processed,
  referredFriend,
  send,
  useBillingWorld,
} from '../support/stripe-billing.js'

// Stripe billing, refunds and disputes: webhook to ledger to Intercom (set-up in test/support/stripe-billing.ts).
useBillingWorld()

describe('Stripe billing: refunds and disputes', { timeout: 180_000 }, () => {
  it('a full refund inside the hold reverses the commission and the reward for the conversion', async () => {
    const { referral, customer, email } = await referredFriend(
      { commissionPercent: 10, holdDays: 14 },
      { rules: [{ id: 'bonus', kind: 'fixed', amountMinor: 2000, currency: 'USD' }] },
    )
    const { invoice, event } = invoicePaid({ customer: customer.id, email, amountPaid: 10000 })
    await deliver(event)
    await deliver(
      chargeRefunded({
        chargeId: invoice.charge,
        invoiceId: invoice.id,
        customer: customer.id,
        amount: 10000,
        refunded: 10000,
      }),
    )
    const rewards = await world.sut.ctx.db
      .selectFrom('rewards')
      .select(['id', 'kind', 'status', 'status_reason'])
      .where('referral_id', '=', referral.id)
      .execute()
    expect(rewards.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['commission', 'reversed'],
      ['fixed', 'reversed'],
    ])
    for (const reward of rewards) {
      expect(reward.status_reason).toMatch(/Refunded in Stripe: USD 100.00 of USD 100.00/)
      expect(await eventsOf(reward.id)).toContainEqual(
        expect.objectContaining({
          type: 'reward.reversed',
          data: expect.objectContaining({ from: 'pending' }),
        }),
      )
    }
    // Nothing is left to release when the hold ends.
    await releaseHeldRewards(world.sut.ctx, afterHold())
    expect((await commissions(referral.id))[0]?.status).toBe('reversed')
  })

  it('a partial refund inside the hold reduces the commission by the refunded share', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 20,
      holdDays: 14,
    })
    const { invoice, event } = invoicePaid({ customer: customer.id, email, amountPaid: 10000 })
    await deliver(event)
    await deliver(
      chargeRefunded({
        chargeId: invoice.charge,
        invoiceId: invoice.id,
        customer: customer.id,
        amount: 10000,
        refunded: 2500,
      }),
    )
    const [commission] = await commissions(referral.id)
    expect(commission).toMatchObject({ amount_minor: 1500, status: 'pending' })
    expect(await eventsOf(commission!.id)).toContainEqual(
      expect.objectContaining({
        type: 'reward.reduced',
        data: expect.objectContaining({ fromMinor: 2000, toMinor: 1500 }),
      }),
    )
    // A second partial refund (cumulative 50 %) takes the next share, not the first one again.
    await deliver(
      chargeRefunded({
        chargeId: invoice.charge,
        invoiceId: invoice.id,
        customer: customer.id,
        amount: 10000,
        refunded: 5000,
      }),
    )
    expect((await commissions(referral.id))[0]?.amount_minor).toBe(1000)
  })

  it('a lost dispute inside the hold reverses; a won one lets the reward through once it closes', async () => {
    const lost = await referredFriend({ commissionPercent: 10, holdDays: 14 })
    const a = invoicePaid({ customer: lost.customer.id, email: lost.email, amountPaid: 8000 })
    await deliver(a.event)
    await deliver(
      disputeEvent('charge.dispute.created', {
        id: 'dp_lost_1',
        chargeId: a.invoice.charge,
        amount: 8000,
        status: 'needs_response',
      }),
    )
    await deliver(
      disputeEvent('charge.dispute.closed', {
        id: 'dp_lost_1',
        chargeId: a.invoice.charge,
        amount: 8000,
        status: 'lost',
      }),
    )
    const [reversed] = await commissions(lost.referral.id)
    expect(reversed).toMatchObject({
      status: 'reversed',
      status_reason: expect.stringMatching(/^Dispute lost in Stripe/),
    })

    const won = await referredFriend({ commissionPercent: 10, holdDays: 14 })
    const b = invoicePaid({ customer: won.customer.id, email: won.email, amountPaid: 8000 })
    await deliver(b.event)
    await deliver(
      disputeEvent('charge.dispute.created', {
        id: 'dp_won_1',
        chargeId: b.invoice.charge,
        amount: 8000,
        status: 'needs_response',
      }),
    )
    await releaseHeldRewards(world.sut.ctx, afterHold())
    expect((await commissions(won.referral.id))[0]?.status).toBe('pending') // held while disputed
    await deliver(
      disputeEvent('charge.dispute.closed', {
        id: 'dp_won_1',
        chargeId: b.invoice.charge,
        amount: 8000,
        status: 'won',
      }),
    )
    await releaseHeldRewards(world.sut.ctx, afterHold())
    expect((await commissions(won.referral.id))[0]).toMatchObject({ amount_minor: 800 })
    expect(['approved', 'fulfilled']).toContain((await commissions(won.referral.id))[0]?.status)
  })

  it('a refund that arrives before its invoice.paid reverses the commission when the invoice lands', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
    })
    const { invoice, event } = invoicePaid({ customer: customer.id, email, amountPaid: 5000 })
    const refund = chargeRefunded({
      chargeId: invoice.charge,
      invoiceId: invoice.id,
      customer: customer.id,
      amount: 5000,
      refunded: 5000,
      created: event.created + 60,
    })
    await deliver(refund)
    expect((await processed(refund.id)).outcome).toMatch(/before its invoice/)
    await deliver(event)
    const [commission] = await commissions(referral.id)
    expect(commission?.status).toBe('reversed')
    // Redelivering the refund changes nothing more.
    const again = await send(refund)
    expect(again.body).toEqual({ received: true, duplicate: true })
    expect(await commissions(referral.id)).toHaveLength(1)
  })

  it('links a refund to its invoice through Stripe invoice payments when the payload names neither (API 2025-03-31+)', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
    })
    const { invoice, event } = invoicePaid({
      customer: customer.id,
      email,
      amountPaid: 6000,
      basil: true,
    })
    world.stripe.addInvoicePayment(invoice.id, invoice.payment_intent)
    await deliver(event)
    await deliver(
      chargeRefunded({
        chargeId: `ch_${invoice.id}`,
        invoiceId: null,
        paymentIntent: invoice.payment_intent,
        customer: customer.id,
        amount: 6000,
        refunded: 3000,
      }),
    )
    expect((await commissions(referral.id))[0]).toMatchObject({
      amount_minor: 300,
      status: 'pending',
    })
  })
})
