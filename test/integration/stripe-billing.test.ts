import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { releaseHeldRewards } from '../../src/billing/hold-release.js'
import { deliverStripeCredit } from '../../src/billing/stripe-credit.js'
import { toReward } from '../../src/ledger/rewards.js'
import type { CampaignSettingsInput } from '../../src/ledger/campaign-settings.js'
import { createCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, rejectReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import {
  chargeRefunded,
  checkoutCompleted,
  customerEvent,
  disputeEvent,
  invoicePaid,
  monthsLater,
} from '../fake-stripe/events.js'
import { startFakeStripe, type FakeStripe } from '../fake-stripe/server.js'
import { signedStripeEvent } from '../fake-stripe/signer.js'
import { testConfig } from '../support/app.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'

// From a signed Stripe webhook through jobs to the ledger and back out to Intercom, against a fake
// Intercom (installed through OAuth) and a fake Stripe, both real HTTP servers on loopback.
const WORKSPACE = 'wsbilling1'
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef'
const ADMIN = { authorization: 'Bearer test-admin-key-0123456789' }
const DAY = 86_400_000

let intercom: FakeIntercom
let stripe: FakeStripe
let sut: RunningServer
let people = 0

beforeAll(async () => {
  intercom = await startFakeIntercom({ workspaceId: WORKSPACE })
  stripe = await startFakeStripe()
  sut = await startServer(
    testConfig({ INTERCOM_API_BASE_URL: intercom.url, STRIPE_API_BASE_URL: stripe.url }),
    { host: '127.0.0.1' },
  )
  const installed = await installThroughOAuth(sut.url)
  expect(installed.location.searchParams.get('install_success')).toBe('true')
  const connected = await request(sut.url)
    .put(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
    .set(ADMIN)
    .send({ secretKey: stripe.secretKey, webhookSecret: WEBHOOK_SECRET })
  expect(connected.status).toBe(200)
}, 120_000)

afterAll(async () => {
  await sut?.close()
  await intercom?.close()
  await stripe?.close()
})

function send(event: unknown, secret = WEBHOOK_SECRET) {
  const { raw, headers } = signedStripeEvent(event, secret)
  return request(sut.url).post(`/billing/stripe/${WORKSPACE}/webhooks`).set(headers).send(raw)
}

/** Delivers events one after another and waits until the jobs processed each of them. */
async function deliver(...events: { id: string }[]) {
  for (const event of events) {
    const response = await send(event)
    expect(response.status).toBe(200)
    await processed(event.id)
  }
}

async function processed(eventId: string) {
  return eventually(async () => {
    const row = await sut.ctx.db
      .selectFrom('stripe_events')
      .select(['status', 'outcome'])
      .where('workspace_id', '=', WORKSPACE)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
    return row && row.status !== 'received' ? row : undefined
  }, `event ${eventId} processed`)
}

/** A campaign of the test's own, a referrer in Intercom, and a referred friend with a Stripe customer. */
async function referredFriend(
  billing: CampaignSettingsInput['billing'],
  rewards?: CampaignSettingsInput['rewards'],
) {
  const n = ++people
  const campaign = await createCampaign(sut.ctx.db, {
    workspaceId: WORKSPACE,
    name: `Billing ${n}`,
    settings: { billing, ...(rewards ? { rewards } : {}) },
    actor: SYSTEM,
  })
  const referrerEmail = `rita${n}@acme.test`
  const referrerContact = intercom.controls.addContact({
    role: 'user',
    email: referrerEmail,
    name: `Rita ${n}`,
  })
  const { referrer } = await ensureReferrer(sut.ctx.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    person: { contactId: referrerContact.id, email: referrerEmail, name: `Rita ${n}` },
    source: 'api',
    actor: SYSTEM,
  })
  const email = `fay${n}@friends.test`
  const friendContact = intercom.controls.addContact({ role: 'lead', email, name: `Fay ${n}` })
  const { referral } = await attributeReferral(sut.ctx.db, {
    workspaceId: WORKSPACE,
    campaignId: campaign.id,
    referrer: { code: referrer.code },
    friend: { contactId: friendContact.id, email, name: `Fay ${n}` },
    source: 'api',
    actor: SYSTEM,
  })
  const customer = stripe.addCustomer({ email, name: `Fay ${n}` })
  return {
    campaign,
    referrer,
    referrerContact,
    friendContact,
    referral,
    customer,
    email,
    referrerEmail,
  }
}

async function referralStatus(referralId: string) {
  const row = await sut.ctx.db
    .selectFrom('referrals')
    .select('status')
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow()
  return row.status
}

async function commissions(referralId: string) {
  return sut.ctx.db
    .selectFrom('rewards')
    .select(['id', 'kind', 'amount_minor', 'currency', 'status', 'status_reason', 'hold_until'])
    .where('referral_id', '=', referralId)
    .where('kind', '=', 'commission')
    .orderBy('created_at')
    .execute()
}

async function eventsOf(rewardId: string) {
  return sut.ctx.db
    .selectFrom('events')
    .select(['type', 'data'])
    .where('subject_type', '=', 'reward')
    .where('subject_id', '=', rewardId)
    .orderBy('id')
    .execute()
}

const afterHold = () => new Date(Date.now() + 15 * DAY)

describe('Stripe billing, webhook to ledger to Intercom', { timeout: 180_000 }, () => {
  it('refuses a key Stripe does not accept, with a reason the admin can act on', async () => {
    const response = await request(sut.url)
      .put(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
      .set(ADMIN)
      .send({ secretKey: 'sk_test_not_a_real_key_0000', webhookSecret: WEBHOOK_SECRET })
    expect(response.status).toBe(422)
    expect(response.body.error.message).toMatch(/Stripe did not accept the key/)
    const kept = await request(sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/billing/stripe`)
      .set(ADMIN)
    expect(kept.body).toMatchObject({ connected: true, accountName: 'Acme Payments' })
    const stored = await sut.ctx.db
      .selectFrom('stripe_connections')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(stored.secret_key_ciphertext).not.toContain(stripe.secretKey.slice(8))
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
        intercom.state.contacts.get(friendContact.id)?.custom_attributes.referral_status ===
        'qualified',
      'friend status written back',
    )
    await eventually(
      () =>
        intercom.state.contacts.get(referrerContact.id)?.custom_attributes
          .referral_converted_count === 1,
      'referrer count written back',
    )
    const history = await request(sut.url)
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
    const early = await request(sut.url)
      .post(`/api/v1/workspaces/${WORKSPACE}/rewards/${paid[0]!.id}/approve`)
      .set(ADMIN)
      .send({})
    expect(early.status).toBe(422)
    expect(early.body.error.message).toMatch(
      /on hold until \d{4}-\d{2}-\d{2}, while a refund could still cancel it/,
    )
  })

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
    const rewards = await sut.ctx.db
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
    await releaseHeldRewards(sut.ctx, afterHold())
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

  it("after fulfilment a refund becomes a deduction from the referrer's next reward, paid as Stripe credit", async () => {
    const { referral, customer, email, referrerEmail } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
      creditRewardsAs: 'balance',
    })
    // The referrer is a paying customer too: their customer record links them for credits.
    const referrerCustomer = stripe.addCustomer({ email: referrerEmail })
    await deliver(
      customerEvent('customer.created', { id: referrerCustomer.id, email: referrerEmail }),
    )

    const first = invoicePaid({ customer: customer.id, email, amountPaid: 10000 })
    await deliver(first.event)
    await releaseHeldRewards(sut.ctx, afterHold())
    const [earned] = await commissions(referral.id)
    await eventually(
      async () => (await commissions(referral.id))[0]?.status === 'fulfilled',
      'commission fulfilled',
    )
    const credit = stripe.state.balanceTransactions.find((t) => t.metadata.reward_id === earned!.id)
    expect(credit).toMatchObject({ customer: referrerCustomer.id, amount: -1000, currency: 'usd' })
    expect(
      stripe.state.requests.find((r) => r.path.endsWith('/balance_transactions'))?.idempotencyKey,
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
    await releaseHeldRewards(sut.ctx, afterHold())
    await eventually(
      async () => (await commissions(referral.id))[1]?.status === 'fulfilled',
      'second fulfilled',
    )
    const next = (await commissions(referral.id))[1]!
    expect(next.amount_minor).toBe(600)
    expect(
      stripe.state.balanceTransactions
        .filter((t) => t.customer === referrerCustomer.id)
        .map((t) => t.amount),
    ).toEqual([-1000, -600])
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
    await releaseHeldRewards(sut.ctx, afterHold())
    expect((await commissions(won.referral.id))[0]?.status).toBe('pending') // held while disputed
    await deliver(
      disputeEvent('charge.dispute.closed', {
        id: 'dp_won_1',
        chargeId: b.invoice.charge,
        amount: 8000,
        status: 'won',
      }),
    )
    await releaseHeldRewards(sut.ctx, afterHold())
    expect((await commissions(won.referral.id))[0]).toMatchObject({ amount_minor: 800 })
    expect(['approved', 'fulfilled']).toContain((await commissions(won.referral.id))[0]?.status)
  })

  it('the same event delivered three times at once is stored and counted once', async () => {
    const { referral, customer, email } = await referredFriend({ commissionPercent: 10 })
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 3000 })
    const answers = await Promise.all([send(event), send(event), send(event)])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1)
    await processed(event.id)
    const stored = await sut.ctx.db
      .selectFrom('stripe_events')
      .select('id')
      .where('event_id', '=', event.id)
      .execute()
    expect(stored).toHaveLength(1)
    expect(await commissions(referral.id)).toHaveLength(1)
    const qualified = await sut.ctx.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'referral.qualified')
      .where('subject_id', '=', referral.id)
      .execute()
    expect(qualified).toHaveLength(1)
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

  it('a wrong signature (another Stripe account) gets 401 and nothing is stored', async () => {
    const { customer, email } = await referredFriend({})
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 4900 })
    const response = await send(event, 'whsec_someone_elses_secret_000')
    expect(response.status).toBe(401)
    expect(response.body.error.message).toMatch(/Stripe-Signature/)
    const unsigned = await request(sut.url)
      .post(`/billing/stripe/${WORKSPACE}/webhooks`)
      .set('content-type', 'application/json')
      .send(JSON.stringify(event))
    expect(unsigned.status).toBe(401)
    const stored = await sut.ctx.db
      .selectFrom('stripe_events')
      .select('id')
      .where('event_id', '=', event.id)
      .execute()
    expect(stored).toEqual([])
  })

  it('an unmatched payment is listed, then counted when the friend is referred later', async () => {
    const { campaign, referrer } = await referredFriend({ commissionPercent: 10, holdDays: 0 })
    const email = 'late.friend@friends.test'
    const customer = stripe.addCustomer({ email })
    const { event } = invoicePaid({ customer: customer.id, email, amountPaid: 2000 })
    await deliver(event)
    const listed = await request(sut.url)
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
    const contact = intercom.controls.addContact({ role: 'lead', email })
    const { referral } = await attributeReferral(sut.ctx.db, {
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
    const after = await request(sut.url)
      .get(`/api/v1/workspaces/${WORKSPACE}/billing/unmatched`)
      .set(ADMIN)
    expect(after.body.items.map((e: { eventId: string }) => e.eventId)).not.toContain(event.id)
  })

  it('a checkout carrying the referral code refers the paying friend; an unknown currency is refused', async () => {
    const { referrer } = await referredFriend({ commissionPercent: 10 })
    const email = 'checkout.friend@friends.test'
    const customer = stripe.addCustomer({ email })
    await deliver(
      checkoutCompleted({ customer: customer.id, email, clientReferenceId: referrer.code }),
    )
    const referral = await sut.ctx.db
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
    const row = await sut.ctx.db
      .selectFrom('rewards')
      .selectAll()
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow()
    expect(row.coupon_code).toMatch(/^FRIEND/)
    const codes = () =>
      [...stripe.state.promotionCodes.values()].filter(
        (c) => (c.metadata as Record<string, string>).reward_id === row.id,
      )
    expect(codes()).toHaveLength(1)
    const coupon = stripe.state.coupons.get((codes()[0]!.promotion as { coupon: string }).coupon)
    expect(coupon).toMatchObject({
      amount_off: 1000,
      currency: 'usd',
      duration: 'once',
      max_redemptions: 1,
    })
    // The job retried after a crash: same Idempotency-Key, Stripe replays, nothing new is created.
    expect(await deliverStripeCredit(sut.ctx, toReward(row))).toEqual({
      kind: 'sent',
      via: 'promotion_code',
    })
    expect(codes()).toHaveLength(1)
    expect(
      stripe.state.requests.filter((r) => r.idempotencyKey === row.id && r.replayed),
    ).toHaveLength(1)
  })

  it('when the hold ends, a commission of a referral rejected meanwhile waits for a person', async () => {
    const { referral, customer, email } = await referredFriend({
      commissionPercent: 10,
      holdDays: 14,
    })
    await deliver(invoicePaid({ customer: customer.id, email, amountPaid: 5000 }).event)
    await rejectReferral(sut.ctx.db, {
      workspaceId: WORKSPACE,
      referralId: referral.id,
      reason: 'duplicate account',
      actor: SYSTEM,
    })
    await releaseHeldRewards(sut.ctx, afterHold())
    expect((await commissions(referral.id))[0]).toMatchObject({
      status: 'pending',
      hold_until: null,
    })
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
    stripe.addInvoicePayment(invoice.id, invoice.payment_intent)
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
