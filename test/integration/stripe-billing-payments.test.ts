import { describe, expect, it } from 'vitest'
import { attributeReferral } from '../../src/ledger/referrals.js'
import request from 'supertest'
import { eventually } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'
import { checkoutCompleted, invoicePaid, monthsLater } from '../fake-stripe/events.js'
import {
  world,
  ADMIN,
  WEBHOOK_SECRET,
  WORKSPACE,
  commissions,
  deliver,
  processed,
  referralStatus,
  referredFriend,
  send,
  useBillingWorld,
} from '../support/stripe-billing.js'

// Stripe billing, qualifying payments and commissions: webhook to ledger to Intercom (set-up in test/support/stripe-billing.ts).
useBillingWorld()

describe('Stripe billing: payments qualify and earn', { timeout: 180_000 }, () => {
  it('refuses a key Stripe does not accept, with a reason the admin can act on', async () => {
    const response = await request(world.sut.url)
      .put(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
      .set(ADMIN)
      .send({ secretKey: 'sk_test_not_a_real_key_0000', webhookSecret: WEBHOOK_SECRET })
    expect(response.status).toBe(422)
    expect(response.body.error.message).toMatch(/Stripe did not accept the key/)
    const kept = await request(world.sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
      .set(ADMIN)
    expect(kept.body).toMatchObject({ connected: true, accountName: 'Acme Payments' })
    const stored = await world.sut.ctx.db
      .selectFrom('stripe_connections')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(stored.secret_key_ciphertext).not.toContain(world.stripe.secretKey.slice(8))
    expect(stored.webhook_secret_ciphertext).not.toContain('0123456789abcdef')
  })

  it("first payment qualifies: the referral, its counts and the friend's status reach Intercom", async () => {
    const { referral, customer, email, friendContact, referrerContact } = await referredFriend({
      holdDays: 14,
    })
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 4900 })
    await deliver(event)
    expect(await referralStatus(referral.id)).toBe('qualified')
    await eventually(
      () =>
        world.intercom.state.contacts.get(friendContact.id)?.custom_attributes.referral_status ===
        'qualified',
      'friend status written back',
    )
    await eventually(
      () =>
        world.intercom.state.contacts.get(referrerContact.id)?.custom_attributes
          .referral_converted_count === 1,
      'referrer count written back',
    )
    const history = await request(world.sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/referrals/${referral.id}/billing-events`)
      .set(ADMIN)
    expect(history.body.items).toEqual([
      expect.objectContaining({
        type: 'invoice.paid',
        status: 'processed',
        outcome: expect.stringMatching(/Qualified the referral/),
      }),
    ])
  })

  it('12 monthly invoices at 20 % for 6 months pay 6 commissions, net of tax', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 20,
      commissionDuration: 'months',
      commissionMonths: 6,
    })
    const start = 1_790_000_000
    for (let month = 0; month < 12; month++) {
      const { event } = invoicePaid({
        customer: customer.id,
        email,
        amountPaid: 5999,
        tax: 1000,
        created: monthsLater(start, month),
      })
      await deliver(event)
    }
    const paid = await commissions(referral.id)
    // 20 % of 49.99 (59.99 less 10.00 tax) = 9.998 → 10.00
    expect(paid.map((r) => [r.amount_minor, r.currency, r.status])).toEqual(
      Array(6).fill([1000, 'USD', 'pending']),
    )
    expect(paid.every((r) => r.hold_until !== null)).toBe(true)
    // Held: an admin cannot approve it early, and is told why.
    const early = await request(world.sut.url)
      .post(`/api/v1/workspaces/${WORKSPACE}/rewards/${paid[0]!.id}/approve`)
      .set(ADMIN)
      .send({})
    expect(early.status).toBe(422)
    expect(early.body.error.message).toMatch(
      /on hold until \d{4}-\d{2}-\d{2}, while a refund could still cancel it/,
    )
  })

  it('the same event delivered three times at once is stored and counted once', async () => {
    const { referral, customer, email } = await referredFriend({ commissionPercent: 10 })
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 3000 })
    const answers = await Promise.all([send(event), send(event), send(event)])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1)
    await processed(event.id)
    const stored = await world.sut.ctx.db
      .selectFrom('stripe_events')
      .select('id')
      .where('event_id', '=', event.id)
      .execute()
    expect(stored).toHaveLength(1)
    expect(await commissions(referral.id)).toHaveLength(1)
    const qualified = await world.sut.ctx.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'referral.qualified')
      .where('subject_id', '=', referral.id)
      .execute()
    expect(qualified).toHaveLength(1)
  })

  it('a wrong signature (another Stripe account) gets 401 and nothing is stored', async () => {
    const { customer, email } = await referredFriend({})
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 4900 })
    const response = await send(event, 'whsec_someone_elses_secret_000')
    expect(response.status).toBe(401)
    expect(response.body.error.message).toMatch(/Stripe-Signature/)
    const unsigned = await request(world.sut.url)
      .post(`/billing/stripe/${WORKSPACE}/webhooks`)
      .set('content-type', 'application/json')
      .send(JSON.stringify(event))
    expect(unsigned.status).toBe(401)
    const stored = await world.sut.ctx.db
      .selectFrom('stripe_events')
      .select('id')
      .where('event_id', '=', event.id)
      .execute()
    expect(stored).toEqual([])
  })

  it('an unmatched payment is listed, then counted when the friend is referred later', async () => {
    const { campaign, referrer } = await referredFriend({ commissionPercent: 10, holdDays: 0 })
    const email = 'late.friend@friends.test'
    const customer = world.stripe.addCustomer({ email })
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 2000 })
    await deliver(event)
    const listed = await request(world.sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/billing/unmatched`)
      .set(ADMIN)
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        eventId: event.id,
        status: 'unmatched',
        email,
        outcome: expect.stringMatching(/No referred friend matches/),
      }),
    )
    const contact = world.intercom.controls.addContact({ role: 'lead', email })
    const { referral } = await attributeReferral(world.sut.ctx.db, {
      workspaceId: WORKSPACE,
      campaignId: campaign.id,
      referrer: { code: referrer.code },
      friend: { contactId: contact.id, email, name: 'Late Friend' },
      source: 'api',
      actor: SYSTEM,
    })
    await eventually(
      async () => (await referralStatus(referral.id)) === 'qualified',
      're-matched and qualified',
    )
    const [commission] = await commissions(referral.id)
    expect(commission).toMatchObject({ amount_minor: 200 })
    const after = await request(world.sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/billing/unmatched`)
      .set(ADMIN)
    expect(after.body.items.map((e: { eventId: string }) => e.eventId)).not.toContain(event.id)
  })

  it('a checkout carrying the referral code refers the paying friend; an unknown currency is refused', async () => {
    const { referrer } = await referredFriend({ commissionPercent: 10 })
    const email = 'checkout.friend@friends.test'
    const customer = world.stripe.addCustomer({ email })
    await deliver(
      checkoutCompleted({ customer: customer.id, email, clientReferenceId: referrer.code }),
    )
    const referral = await world.sut.ctx.db
      .selectFrom('referrals')
      .innerJoin('participants', 'participants.id', 'referrals.friend_participant_id')
      .select(['referrals.id', 'referrals.referrer_id'])
      .where('participants.email_normalized', '=', email)
      .executeTakeFirstOrThrow()
    expect(referral.referrer_id).toBe(referrer.id)
    const paid = invoicePaid({ customer: customer.id, email, amountPaid: 4900 })
    await deliver(paid.event)
    expect(await referralStatus(referral.id)).toBe('qualified')

    const odd = invoicePaid({ customer: customer.id, email, amountPaid: 4900, currency: 'xqq' })
    const result = await deliver(odd.event).then(() => processed(odd.event.id))
    expect(result).toMatchObject({
      status: 'refused',
      outcome: expect.stringMatching(/"xqq", a currency this app does not know/),
    })
    expect(await commissions(referral.id)).toHaveLength(1)
  })
})
