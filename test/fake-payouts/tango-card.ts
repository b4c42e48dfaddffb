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
}

export const TANGO_AMAZON_UTID = 'U561593'

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
  const base = await startJsonServer('/raas/v2', (req) => {
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
      return {
        status: 200,
        body: {
          catalogName: 'Referrals catalog',
          brands: [
            {
              brandName: 'Amazon.com',
              items: [
                {
                  utid: TANGO_AMAZON_UTID,
                  rewardName: 'Amazon.com Gift Card',
                  currencyCode: 'USD',
                  status: 'active',
                  valueType: 'VARIABLE_VALUE',
                  minValue: 1,
                  maxValue: 2000,
                },
              ],
            },
          ],
        },
      }
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
      if (body?.utid !== TANGO_AMAZON_UTID) {
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
        amountCharged: { value: amount, currencyCode: 'USD', total: amount },
        utid: TANGO_AMAZON_UTID,
        rewardName: 'Amazon.com Gift Card',
        status: 'COMPLETE',
        createdAt: new Date().toISOString(),
        reward: { credentials: { 'Claim Code': 'FAKE-CODE' } },
      }
      if (ref) orders.set(ref, order)
      state.created.push({ referenceOrderID, externalRefID: ref ?? '', amount })
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
  }
}
