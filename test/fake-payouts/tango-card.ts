import { randomBytes } from 'node:crypto'
import { EMAIL, type FakeBase, INVALID_DOMAIN, json, startJsonServer } from './http.js'

/**
 * A strict Tango Card RaaS API v2 (https://developers.tangocard.com/reference): Basic auth with
 * platform name and key, one customer and account with a balance, a catalog of utids, and orders
 * made idempotent by `externalRefID` (a replay answers 200 with the first order).
 */
export interface FakeTangoCard extends FakeBase {
  readonly platformName: string
  readonly platformKey: string
  readonly customerIdentifier: string
  readonly accountIdentifier: string
  balance: number
  readonly created: Array<{ referenceOrderID: string; externalRefID: string; amount: number }>
  /** Runs once an order is created, before it is answered (the caller may be killed meanwhile). */
  afterOrderCreated?: (externalRefID: string) => Promise<void>
}

export const TANGO_AMAZON_UTID = 'U561593'
export const TANGO_STARBUCKS_UTID = 'U579023'

interface TangoItem {
  utid: string
  rewardName: string
  currencyCode: string
  status: 'active' | 'inactive'
  valueType: 'FIXED_VALUE' | 'VARIABLE_VALUE'
  rewardType: string
  faceValue?: number
  minValue?: number
  maxValue?: number
  countries: string[]
  createdDate: string
  lastUpdateDate: string
  credentialTypes: string[]
  redemptionInstructions: string
}

const item = (fields: Partial<TangoItem> & Pick<TangoItem, 'utid' | 'rewardName'>): TangoItem => ({
  currencyCode: 'USD',
  status: 'active',
  valueType: 'VARIABLE_VALUE',
  rewardType: 'gift card',
  countries: ['US'],
  createdDate: '2024-01-10T18:03:51.152Z',
  lastUpdateDate: '2026-11-02T09:12:00.000Z',
  credentialTypes: ['redemptionUrl'],
  redemptionInstructions: '<p>Redeem online.</p>',
  ...fields,
})

const brand = (brandKey: string, brandName: string, items: TangoItem[]) => ({
  brandKey,
  brandName,
  disclaimer: '',
  description: `<p>${brandName} gift cards.</p>`,
  shortDescription: `${brandName} gift cards.`,
  terms: '<p>Terms apply.</p>',
  createdDate: '2024-01-10T18:03:51.152Z',
  lastUpdateDate: '2026-11-02T09:12:00.000Z',
  brandRequirements: { displayInstructions: '', termsAndConditionsInstructions: '' },
  imageUrls: {
    '200w-326ppi': `https://dwwvg90koz96l.cloudfront.net/images/brands/${brandKey}.png`,
  },
  status: 'active',
  items,
})

/**
 * The shape of GET /catalogs (https://developers.tangocard.com/docs/view-catalog): brands with
 * their items; an item is sold for a face value (FIXED_VALUE) or any amount in a range
 * (VARIABLE_VALUE), in one currency. An inactive item is listed but cannot be ordered.
 */
const CATALOG = [
  brand('B916708', 'Amazon.com', [
    item({
      utid: TANGO_AMAZON_UTID,
      rewardName: 'Amazon.com Gift Card',
      minValue: 1,
      maxValue: 2000,
    }),
  ]),
  brand('B526411', 'Starbucks', [
    item({
      utid: TANGO_STARBUCKS_UTID,
      rewardName: 'Starbucks eGift $10',
      valueType: 'FIXED_VALUE',
      faceValue: 10,
    }),
    item({
      utid: 'U000042',
      rewardName: 'Starbucks eGift (retired)',
      status: 'inactive',
      minValue: 5,
      maxValue: 100,
    }),
  ]),
  brand('B330117', 'Zalando', [
    item({
      utid: 'U857215',
      rewardName: 'Zalando Gift Card',
      currencyCode: 'EUR',
      countries: ['DE', 'FR'],
      minValue: 5,
      maxValue: 500,
    }),
  ]),
]

export async function startFakeTangoCard(): Promise<FakeTangoCard> {
  const platformName = 'ReferralsTest'
  const platformKey = randomBytes(16).toString('hex')
  const customerIdentifier = 'referrals-customer'
  const accountIdentifier = 'referrals-account'
  const orders = new Map<string, unknown>()
  const state = { balance: 500, created: [] as FakeTangoCard['created'] }
  const expected = `Basic ${Buffer.from(`${platformName}:${platformKey}`).toString('base64')}`
  const failure = (httpCode: number, message: string, errors: unknown[] = [], i18nKey = '') => ({
    status: httpCode,
    body: {
      timestamp: new Date().toISOString(),
      requestId: randomBytes(8).toString('hex'),
      httpCode,
      httpPhrase: httpCode === 401 ? 'Unauthorized' : 'Bad Request',
      i18nKey,
      message,
      errors,
    },
  })
  const hooks: { afterOrderCreated?: (externalRefID: string) => Promise<void> } = {}
  const base = await startJsonServer('/raas/v2', async (req) => {
    if (req.headers.authorization !== expected)
      return failure(401, 'Full authentication is required')
    if (req.method === 'GET' && req.path === `/accounts/${accountIdentifier}`) {
      return {
        status: 200,
        body: {
          accountIdentifier,
          displayName: 'Referral rewards',
          currencyCode: 'USD',
          currentBalance: state.balance,
          status: 'ACTIVE',
        },
      }
    }
    if (req.method === 'GET' && req.path.startsWith('/accounts/')) {
      return failure(404, 'Account not found')
    }
    if (req.method === 'GET' && req.path === '/catalogs') {
      return { status: 200, body: { catalogName: 'Referrals catalog', brands: CATALOG } }
    }
    if (req.method === 'POST' && req.path === '/orders') {
      const body = json(req.body)
      const ref = typeof body?.externalRefID === 'string' ? body.externalRefID : null
      if (ref && orders.has(ref)) return { status: 200, body: orders.get(ref) }
      if (
        body?.accountIdentifier !== accountIdentifier ||
        body?.customerIdentifier !== customerIdentifier
      ) {
        return failure(400, 'Account not found', [
          { path: 'accountIdentifier', message: 'unknown' },
        ])
      }
      const item = CATALOG.flatMap((b) => b.items).find((i) => i.utid === body?.utid)
      if (!item || item.status !== 'active') {
        return failure(400, 'Invalid utid', [{ path: 'utid', message: 'not in your catalog' }])
      }
      const recipient = body?.recipient as { email?: unknown } | undefined
      const email = recipient?.email
      if (typeof email !== 'string' || !EMAIL.test(email) || email.endsWith(INVALID_DOMAIN)) {
        return failure(400, 'Validation failed', [
          { path: 'recipient.email', message: 'must be a well-formed email address' },
        ])
      }
      const amount = body?.amount
      if (typeof amount !== 'number' || amount <= 0) {
        return failure(400, 'Validation failed', [{ path: 'amount', message: 'must be positive' }])
      }
      const fits =
        item.valueType === 'FIXED_VALUE'
          ? amount === item.faceValue
          : amount >= (item.minValue ?? 0) && amount <= (item.maxValue ?? Infinity)
      if (!fits) {
        return failure(400, 'Validation failed', [
          { path: 'amount', message: 'is not a value this item is sold for' },
        ])
      }
      if (amount > state.balance) {
        return failure(400, 'Insufficient funds in the account', [], 'insufficient.funds')
      }
      state.balance -= amount
      const referenceOrderID = `RA${randomBytes(5).toString('hex').toUpperCase()}`
      const order = {
        referenceOrderID,
        externalRefID: ref,
        customerIdentifier,
        accountIdentifier,
        amountCharged: { value: amount, currencyCode: item.currencyCode, total: amount },
        utid: item.utid,
        rewardName: item.rewardName,
        status: 'COMPLETE',
        createdAt: new Date().toISOString(),
        reward: { credentials: { 'Claim Code': 'FAKE-CODE' } },
      }
      if (ref) orders.set(ref, order)
      state.created.push({ referenceOrderID, externalRefID: ref ?? '', amount })
      // The order exists now; a test may stop the caller here, before it hears the answer.
      await hooks.afterOrderCreated?.(ref ?? '')
      return { status: 201, body: order }
    }
    return failure(404, 'Not found')
  })
  return {
    ...base,
    platformName,
    platformKey,
    customerIdentifier,
    accountIdentifier,
    get balance() {
      return state.balance
    },
    set balance(value: number) {
      state.balance = value
    },
    created: state.created,
    get afterOrderCreated() {
      return hooks.afterOrderCreated
    },
    set afterOrderCreated(hook) {
      hooks.afterOrderCreated = hook
    },
  }
}
