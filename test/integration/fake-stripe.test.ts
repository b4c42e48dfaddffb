import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stripeFor } from '../../src/billing/stripe-client.js'
import { startFakeStripe, type FakeStripe } from '../fake-stripe/server.js'
import { signedStripeEvent } from '../fake-stripe/signer.js'
import { testConfig } from '../support/app.js'

// The fake is only worth its tests if it refuses what Stripe refuses.
let fake: FakeStripe
let stripe: Stripe

beforeAll(async () => {
  fake = await startFakeStripe()
  stripe = await stripeFor(testConfig({ STRIPE_API_BASE_URL: fake.url }), fake.secretKey)
})
afterAll(() => fake.close())

describe('fake Stripe', () => {
  it('refuses an unknown secret key with 401, as Stripe does', async () => {
    const stranger = await stripeFor(
      testConfig({ STRIPE_API_BASE_URL: fake.url }),
      'sk_test_unknown_000000',
    )
    await expect(stranger.accounts.retrieveCurrent()).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    )
  })

  it('answers 404 resource_missing for an unknown customer', async () => {
    const failure = await stripe.customers.retrieve('cus_nobody').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(failure).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('replays a request with the same idempotency key, and refuses the key for another request', async () => {
    const customer = fake.addCustomer({ email: 'a@b.test' })
    const params = { amount: -500, currency: 'usd', metadata: { reward_id: 'r1' } }
    const first = await stripe.customers.createBalanceTransaction(customer.id, params, {
      idempotencyKey: 'r1',
    })
    const again = await stripe.customers.createBalanceTransaction(customer.id, params, {
      idempotencyKey: 'r1',
    })
    expect(again.id).toBe(first.id)
    expect(fake.state.balanceTransactions).toHaveLength(1)
    expect(fake.state.customers.get(customer.id)?.balance).toBe(-500)
    const reused = await stripe.customers
      .createBalanceTransaction(customer.id, { ...params, amount: -700 }, { idempotencyKey: 'r1' })
      .catch((error: unknown) => error)
    expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('refuses a balance credit in a currency other than the customer’s balance', async () => {
    const customer = fake.addCustomer({ email: 'eur@b.test' })
    await stripe.customers.createBalanceTransaction(customer.id, { amount: -100, currency: 'eur' })
    const failure = await stripe.customers
      .createBalanceTransaction(customer.id, { amount: -100, currency: 'usd' })
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ statusCode: 400, code: 'currency_mismatch' })
  })

  it('signs webhooks so that Stripe’s own verifier accepts them, and only with the right secret', () => {
    const { raw, headers } = signedStripeEvent(
      { id: 'evt_1', type: 'invoice.paid' },
      'whsec_abc12345',
    )
    const event = stripe.webhooks.constructEvent(raw, headers['stripe-signature'], 'whsec_abc12345')
    expect(event.id).toBe('evt_1')
    expect(() =>
      stripe.webhooks.constructEvent(raw, headers['stripe-signature'], 'whsec_other_secret'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError)
  })
})
