import { describe, expect, it } from 'vitest'
import { keyHint } from '../../src/billing/stripe-connection.js'
import { addMonths, shareOf } from '../../src/billing/money.js'
import { formatMoneyCode as formatMoney } from '../../src/money/format.js'
import {
  invoiceNetMinor,
  invoiceSchema,
  knownCurrency,
  payerFacts,
  stripeEventSchema,
} from '../../src/billing/stripe-event.js'
import { campaignSettingsSchema } from '../../src/ledger/campaign-settings.js'
import { checkoutCompleted, invoicePaid, stripeEvent } from '../fake-stripe/events.js'

describe('billing arithmetic', () => {
  it('takes a refunded share half-up in integer minor units', () => {
    expect(shareOf(2000, 2500, 10000)).toBe(500)
    expect(shareOf(999, 1, 3)).toBe(333)
    expect(shareOf(1000, 1, 8)).toBe(125)
    expect(shareOf(5, 1, 2)).toBe(3) // 2.5 → 3
    expect(shareOf(1000, 5, 0)).toBe(0)
  })

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    )
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), 6).toISOString()).toBe(
      '2026-09-15T00:00:00.000Z',
    )
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    )
  })

  it('formats money with the currency’s own minor unit', () => {
    expect(formatMoney(4900, 'USD')).toBe('USD 49.00')
    expect(formatMoney(4900, 'JPY')).toBe('JPY 4900')
    expect(formatMoney(12345, 'KWD')).toBe('KWD 12.345')
  })
})

describe('Stripe payloads', () => {
  it('takes the commission base after discounts and before tax', () => {
    const { invoice } = invoicePaid({ customer: 'cus_1', amountPaid: 5999, tax: 1000 })
    expect(invoiceNetMinor(invoiceSchema.parse(invoice))).toBe(4999)
    const older = invoiceSchema.parse({
      ...invoice,
      total_excluding_tax: null,
      total: 12000,
      tax: 2000,
    })
    expect(invoiceNetMinor(older)).toBe(10000)
  })

  it('knows ISO currencies whatever their case and refuses made-up ones', () => {
    expect(knownCurrency('usd')).toBe('USD')
    expect(knownCurrency('JPY')).toBe('JPY')
    expect(knownCurrency('xqq')).toBeNull()
    expect(knownCurrency('dollars')).toBeNull()
  })

  it('reads the matching keys in order: client_reference_id before metadata referral_code', () => {
    const checkout = checkoutCompleted({
      customer: 'cus_1',
      email: 'Fay@Friends.test',
      clientReferenceId: 'rita-k7p2',
      metadata: { referral_code: 'other-code', intercom_contact_id: 'c_9' },
    })
    expect(payerFacts(stripeEventSchema.parse(checkout))).toMatchObject({
      customerId: 'cus_1',
      code: { value: 'rita-k7p2', from: 'client_reference_id' },
      contactId: 'c_9',
      email: 'Fay@Friends.test',
    })
  })

  it('finds metadata on the subscription an invoice bills, and the customer in customer events', () => {
    const { invoice } = invoicePaid({ customer: 'cus_2', amountPaid: 100 })
    const withSubscription = stripeEvent('invoice.paid', {
      ...invoice,
      parent: { subscription_details: { metadata: { referral_code: 'rita-k7p2' } } },
    })
    expect(payerFacts(stripeEventSchema.parse(withSubscription)).code).toEqual({
      value: 'rita-k7p2',
      from: 'referral_code',
    })
    const customer = stripeEvent('customer.updated', {
      id: 'cus_3',
      object: 'customer',
      email: 'not an email',
      metadata: {},
    })
    expect(payerFacts(stripeEventSchema.parse(customer))).toMatchObject({
      customerId: 'cus_3',
      email: null,
    })
  })

  it('shows a key only by its mode and last four characters', () => {
    expect(keyHint('sk_live_51ABCDEFGHIJ1234')).toBe('sk_live_…1234')
    expect(keyHint('rk_test_51ABCDEFGHIJ9876')).toBe('rk_test_…9876')
  })
})

describe('billing campaign settings', () => {
  it('defaults to: first payment qualifies, trials excluded, 14-day hold, no commission', () => {
    const { billing } = campaignSettingsSchema.parse({})
    expect(billing).toEqual({
      qualifyOnFirstPayment: true,
      minimumAmountMinor: null,
      minimumCurrency: null,
      excludeTrials: true,
      commissionPercent: null,
      commissionDuration: 'months',
      commissionMonths: 12,
      holdDays: 14,
      creditRewardsAs: 'none',
    })
  })

  it('refuses a hold longer than 90 days and labels every setting for a marketer', () => {
    expect(campaignSettingsSchema.safeParse({ billing: { holdDays: 91 } }).success).toBe(false)
    const shape = campaignSettingsSchema.shape.billing.unwrap().shape
    for (const [key, schema] of Object.entries(shape)) {
      const meta = schema.meta() as { title?: string; description?: string } | undefined
      expect(meta?.title, key).toMatch(/\S/)
      expect(meta?.description, key).toMatch(/\S/)
    }
  })
})
