import { randomBytes } from 'node:crypto'
import { EMAIL, type FakeBase, INVALID_DOMAIN, json, startJsonServer } from './http.js'

/**
 * A strict PayPal Payouts API (https://developer.paypal.com/api/payments.payouts-batch/v1/):
 * client-credentials tokens, one batch per `sender_batch_id` (a reused one is refused with a link
 * to the first batch), `PayPal-Request-Id` replays answered with the first response, items that
 * stay UNCLAIMED until claimed and can be cancelled only then.
 */
export interface FakePayPal extends FakeBase {
  readonly clientId: string
  readonly clientSecret: string
  balance: number
  /** New items are UNCLAIMED (the recipient has no PayPal account yet) instead of SUCCESS. */
  unclaimed: boolean
  readonly created: Array<{ batchId: string; senderBatchId: string; itemId: string; value: string }>
}

export async function startFakePayPal(): Promise<FakePayPal> {
  const clientId = `AZ${randomBytes(10).toString('hex')}`
  const clientSecret = `EL${randomBytes(16).toString('hex')}`
  const tokens = new Set<string>()
  const byRequestId = new Map<string, unknown>()
  const bySenderBatch = new Map<string, string>()
  const batches = new Map<
    string,
    { header: Record<string, unknown>; item: Record<string, unknown> }
  >()
  const items = new Map<string, Record<string, unknown>>()
  const state = { balance: 1000, unclaimed: false, created: [] as FakePayPal['created'] }
  const problem = (status: number, name: string, message: string, extra: object = {}) => ({
    status,
    body: { name, message, debug_id: randomBytes(6).toString('hex'), ...extra },
  })
  const base = await startJsonServer('', (req) => {
    if (req.method === 'POST' && req.path === '/v1/oauth2/token') {
      const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
      if (req.headers.authorization !== expected) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
        }
      }
      if (!req.body.includes('grant_type=client_credentials')) {
        return { status: 400, body: { error: 'unsupported_grant_type' } }
      }
      const token = `A21${randomBytes(16).toString('hex')}`
      tokens.add(token)
      return {
        status: 200,
        body: {
          scope: 'https://uri.paypal.com/services/payments/payouts',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
        },
      }
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? ''
    if (!tokens.has(bearer)) {
      return problem(
        401,
        'AUTHENTICATION_FAILURE',
        'Authentication failed due to invalid authentication credentials.',
      )
    }
    const self = (id: string) => `${base.url}/v1/payments/payouts/${id}`
    const batchBody = (id: string) => {
      const batch = batches.get(id)
      if (!batch) return null
      return {
        batch_header: batch.header,
        items: [{ ...batch.item, ...items.get(String(batch.item.payout_item_id)) }],
        links: [{ href: self(id), rel: 'self', method: 'GET' }],
      }
    }
    if (req.method === 'GET' && req.path === '/v1/reporting/balances') {
      return {
        status: 200,
        body: {
          balances: [
            {
              currency: 'USD',
              primary: true,
              total_balance: { currency_code: 'USD', value: state.balance.toFixed(2) },
              available_balance: { currency_code: 'USD', value: state.balance.toFixed(2) },
            },
          ],
        },
      }
    }
    if (req.method === 'POST' && req.path === '/v1/payments/payouts') {
      const requestId = req.headers['paypal-request-id']
      if (typeof requestId === 'string' && byRequestId.has(requestId)) {
        return { status: 201, body: byRequestId.get(requestId) }
      }
      const body = json(req.body)
      const header = body?.sender_batch_header as { sender_batch_id?: string } | undefined
      const item = (
        body?.items as
          Array<{ receiver?: unknown; amount?: { value?: string; currency?: string } }> | undefined
      )?.[0]
      if (!header || !item)
        return problem(400, 'VALIDATION_ERROR', 'Invalid request - see details.')
      const senderBatchId = header.sender_batch_id ?? randomBytes(6).toString('hex')
      const existing = bySenderBatch.get(senderBatchId)
      if (existing) {
        return problem(
          400,
          'USER_BUSINESS_ERROR',
          `Batch with given sender_batch_id already exists`,
          {
            details: [{ issue: 'SENDER_BATCH_ID_ALREADY_USED' }],
            links: [{ href: self(existing), rel: 'self', method: 'GET' }],
          },
        )
      }
      const receiver = item.receiver
      if (
        typeof receiver !== 'string' ||
        !EMAIL.test(receiver) ||
        receiver.endsWith(INVALID_DOMAIN)
      ) {
        return problem(422, 'VALIDATION_ERROR', 'Invalid request - see details.', {
          details: [
            {
              field: 'items[0].receiver',
              issue: 'Receiver is invalid or does not match with type',
            },
          ],
        })
      }
      const value = Number(item.amount?.value)
      if (!Number.isFinite(value) || value <= 0) {
        return problem(422, 'VALIDATION_ERROR', 'Invalid request - see details.', {
          details: [{ field: 'items[0].amount.value', issue: 'Invalid amount' }],
        })
      }
      if (value > state.balance) {
        return problem(
          422,
          'INSUFFICIENT_FUNDS',
          'Sender does not have sufficient funds. Please add funds and retry.',
        )
      }
      state.balance -= value
      const batchId = randomBytes(6).toString('hex').toUpperCase()
      const itemId = randomBytes(6).toString('hex').toUpperCase()
      const batchHeader = {
        payout_batch_id: batchId,
        batch_status: 'SUCCESS',
        sender_batch_header: header,
      }
      batches.set(batchId, {
        header: batchHeader,
        item: { payout_item_id: itemId, payout_batch_id: batchId, payout_item: item },
      })
      items.set(itemId, { transaction_status: state.unclaimed ? 'UNCLAIMED' : 'SUCCESS' })
      bySenderBatch.set(senderBatchId, batchId)
      state.created.push({ batchId, senderBatchId, itemId, value: String(item.amount?.value) })
      const answer = {
        batch_header: { ...batchHeader, batch_status: 'PENDING' },
        links: [{ href: self(batchId), rel: 'self', method: 'GET' }],
      }
      if (typeof requestId === 'string') byRequestId.set(requestId, answer)
      return { status: 201, body: answer }
    }
    const batch = /^\/v1\/payments\/payouts\/([A-Z0-9]+)$/.exec(req.path)
    if (req.method === 'GET' && batch) {
      const body = batchBody(batch[1] ?? '')
      return body
        ? { status: 200, body }
        : problem(404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.')
    }
    const cancel = /^\/v1\/payments\/payouts-item\/([A-Z0-9]+)\/cancel$/.exec(req.path)
    if (req.method === 'POST' && cancel) {
      const item = items.get(cancel[1] ?? '')
      if (!item) return problem(404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.')
      if (item.transaction_status !== 'UNCLAIMED') {
        return problem(
          400,
          'ITEM_INCORRECT_STATUS',
          'You can only cancel items that have an Unclaimed state.',
        )
      }
      item.transaction_status = 'RETURNED'
      return { status: 200, body: { payout_item_id: cancel[1], transaction_status: 'RETURNED' } }
    }
    return problem(404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.')
  })
  return {
    ...base,
    clientId,
    clientSecret,
    get balance() {
      return state.balance
    },
    set balance(value: number) {
      state.balance = value
    },
    get unclaimed() {
      return state.unclaimed
    },
    set unclaimed(value: boolean) {
      state.unclaimed = value
    },
    created: state.created,
  }
}
