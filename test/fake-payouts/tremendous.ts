import { randomBytes } from 'node:crypto'
import { EMAIL, type FakeBase, INVALID_DOMAIN, json, startJsonServer } from './http.js'

/**
 * A strict Tremendous API v2 (https://developers.tremendous.com/reference): Bearer key, funding
 * sources with the balance, products, orders made idempotent by `external_id` (a replay answers
 * 201 with the first order and creates nothing), and rewards cancellable only after a failed delivery.
 */
export interface FakeTremendous extends FakeBase {
  readonly apiKey: string
  balanceCents: number
  /** Orders actually created (replays excluded). */
  readonly created: Array<{ id: string; externalId: string; rewardId: string; cents: number }>
  /** Mark a reward's delivery as failed (then it may be cancelled). */
  failDelivery(rewardId: string): void
}

export async function startFakeTremendous(): Promise<FakeTremendous> {
  const apiKey = `TEST_${randomBytes(12).toString('hex')}`
  const orders = new Map<string, unknown>()
  const deliveries = new Map<string, string>()
  const state = {
    balanceCents: 100_000,
    created: [] as FakeTremendous['created'],
  }
  const error = (status: number, message: string, payload: unknown = {}) => ({
    status,
    body: { errors: { message, payload } },
  })
  const base = await startJsonServer('/api/v2', (req) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, 'Unauthorized')
    if (req.method === 'GET' && /^\/funding_sources\/balance$/i.test(req.path)) {
      return {
        status: 200,
        body: {
          funding_source: {
            id: 'BALANCE',
            method: 'balance',
            usage_permissions: ['api_orders'],
            status: 'active',
            meta: { available_cents: state.balanceCents, pending_cents: 0 },
          },
        },
      }
    }
    if (req.method === 'GET' && req.path === '/products') {
      return {
        status: 200,
        body: {
          products: [
            { id: 'OKMHM2X2OHYV', name: 'Amazon.com', currency_codes: ['USD'] },
            { id: 'A2J05SWPI2QG', name: 'Visa Prepaid Card', currency_codes: ['USD'] },
          ],
        },
      }
    }
    if (req.method === 'POST' && req.path === '/orders') {
      const body = json(req.body)
      const reward = body?.reward as
        | {
            value?: { denomination?: unknown; currency_code?: string }
            recipient?: { email?: unknown }
            delivery?: { method?: string }
            products?: unknown
            campaign_id?: unknown
          }
        | undefined
      const externalId = typeof body?.external_id === 'string' ? body.external_id : null
      if (externalId && orders.has(externalId)) return { status: 201, body: orders.get(externalId) }
      const denomination = reward?.value?.denomination
      const email = reward?.recipient?.email
      if (!reward || typeof denomination !== 'number' || denomination <= 0) {
        return error(400, 'Bad request', { reward: { value: ['is invalid'] } })
      }
      if (!(body?.payment as { funding_source_id?: unknown } | undefined)?.funding_source_id) {
        return error(400, 'Bad request', { payment: { funding_source_id: ['is missing'] } })
      }
      if (!reward.products && !reward.campaign_id) {
        return error(400, 'Either products or campaign_id must be specified')
      }
      const method = reward.delivery?.method ?? ''
      if (!['EMAIL', 'LINK', 'PHONE'].includes(method)) {
        return error(400, 'Bad request', { reward: { delivery: ['is invalid'] } })
      }
      if (typeof email !== 'string' || !EMAIL.test(email) || email.endsWith(INVALID_DOMAIN)) {
        return error(400, 'Recipient email is invalid', {
          reward: { recipient: { email: ['is invalid'] } },
        })
      }
      const cents = Math.round(denomination * 100)
      if (cents > state.balanceCents) {
        return error(402, 'Insufficient funds in the balance to pay for this order')
      }
      state.balanceCents -= cents
      const id = randomBytes(6).toString('hex').toUpperCase()
      const rewardId = randomBytes(6).toString('hex').toUpperCase()
      deliveries.set(rewardId, 'SCHEDULED')
      const order = {
        order: {
          id,
          external_id: externalId,
          status: 'EXECUTED',
          created_at: new Date().toISOString(),
          payment: { subtotal: denomination, total: denomination, fees: 0 },
          rewards: [
            {
              id: rewardId,
              order_id: id,
              value: reward.value,
              recipient: reward.recipient,
              delivery: {
                method,
                status: 'SCHEDULED',
                ...(method === 'LINK'
                  ? { link: `https://testflight.tremendous.com/rewards/payout/${rewardId}` }
                  : {}),
              },
            },
          ],
        },
      }
      if (externalId) orders.set(externalId, order)
      state.created.push({ id, externalId: externalId ?? '', rewardId, cents })
      return { status: 201, body: order }
    }
    const cancel = /^\/rewards\/([A-Z0-9]+)\/cancel$/.exec(req.path)
    if (req.method === 'POST' && cancel) {
      const status = deliveries.get(cancel[1] ?? '')
      if (!status) return error(404, 'Reward not found')
      if (status !== 'FAILED')
        return error(422, 'Only rewards with a failed delivery can be canceled')
      deliveries.set(cancel[1] ?? '', 'CANCELED')
      return { status: 200, body: {} }
    }
    return error(404, 'Not found')
  })
  return {
    ...base,
    apiKey,
    get balanceCents() {
      return state.balanceCents
    },
    set balanceCents(value: number) {
      state.balanceCents = value
    },
    created: state.created,
    failDelivery(rewardId: string) {
      deliveries.set(rewardId, 'FAILED')
    },
  }
}
