import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type Request, type Response } from 'express'
import { parseStripeForm } from './form.js'

export interface FakeCustomer {
  id: string
  object: 'customer'
  email: string | null
  name: string | null
  metadata: Record<string, string>
  balance: number
  currency: string | null
  created: number
}

export interface FakeBalanceTransaction {
  id: string
  object: 'customer_balance_transaction'
  customer: string
  amount: number
  currency: string
  description: string | null
  metadata: Record<string, string>
  ending_balance: number
  created: number
}

export interface FakeStripeState {
  readonly account: { id: string; name: string }
  readonly keys: Set<string>
  readonly customers: Map<string, FakeCustomer>
  readonly balanceTransactions: FakeBalanceTransaction[]
  readonly coupons: Map<string, Record<string, unknown>>
  readonly promotionCodes: Map<string, Record<string, unknown>>
  /** Invoice payments (API 2025-03-31+): which invoice a payment intent paid. */
  readonly invoicePayments: { id: string; invoice: string; paymentIntent: string }[]
  /** Every request, for assertions: method, path, key used, idempotency key, replayed or not. */
  readonly requests: {
    method: string
    path: string
    idempotencyKey: string | null
    replayed: boolean
    status: number
  }[]
}

export interface FakeStripe {
  /** STRIPE_API_BASE_URL, e.g. http://127.0.0.1:41234 */
  readonly url: string
  readonly state: FakeStripeState
  /** A valid secret key from the start. */
  readonly secretKey: string
  /** Records that a payment intent paid an invoice, as Stripe's invoice payments list them. */
  addInvoicePayment(invoice: string, paymentIntent: string): void
  addCustomer(input: {
    email?: string | null
    name?: string | null
    metadata?: Record<string, string>
  }): FakeCustomer
  close(): Promise<void>
}

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message)
  }
}

const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`
const now = () => Math.floor(Date.now() / 1000)

function integer(value: unknown, param: string): number {
  const text = typeof value === 'string' ? value : ''
  if (!/^-?\d+$/.test(text))
    throw new StripeHttpError(
      400,
      'invalid_request_error',
      `Invalid integer: ${text}`,
      'parameter_invalid_integer',
      param,
    )
  return Number(text)
}

function required(value: unknown, param: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new StripeHttpError(
      400,
      'invalid_request_error',
      `Missing required param: ${param}.`,
      'parameter_missing',
      param,
    )
  }
  return value
}

function metadataOf(value: unknown): Record<string, string> {
  return value && typeof value === 'object' ? (value as Record<string, string>) : {}
}

/**
 * A fake Stripe API on 127.0.0.1 for the calls the app makes, strict like the real one: a Bearer
 * secret key, form-encoded bodies, idempotency keys replayed (and refused when reused for a
 * different request), 404 resource_missing for unknown ids.
 */
export async function startFakeStripe(options: { secretKey?: string } = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`
  const state: FakeStripeState = {
    account: { id: newId('acct'), name: 'Acme Payments' },
    keys: new Set([secretKey]),
    customers: new Map(),
    balanceTransactions: [],
    coupons: new Map(),
    promotionCodes: new Map(),
    invoicePayments: [],
    requests: [],
  }
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>()

  const app = express()
  app.disable('x-powered-by')
  app.use(express.text({ type: 'application/x-www-form-urlencoded', limit: '256kb' }))

  const customer = (id: string): FakeCustomer => {
    const found = state.customers.get(id)
    if (!found)
      throw new StripeHttpError(
        404,
        'invalid_request_error',
        `No such customer: '${id}'`,
        'resource_missing',
        'id',
      )
    return found
  }

  const handlers: Record<string, (req: Request, form: Record<string, unknown>) => unknown> = {
    'GET /v1/account': () => ({
      id: state.account.id,
      object: 'account',
      email: 'billing@acme.test',
      business_profile: { name: state.account.name },
      settings: { dashboard: { display_name: state.account.name } },
    }),
    'GET /v1/balance': () => ({
      object: 'balance',
      available: [{ amount: 0, currency: 'usd' }],
      pending: [],
      livemode: false,
    }),
    'POST /v1/customers': (_req, form) =>
      addCustomer({
        email: typeof form.email === 'string' ? form.email : null,
        name: typeof form.name === 'string' ? form.name : null,
        metadata: metadataOf(form.metadata),
      }),
    'GET /v1/customers/:id': (req) => customer(String(req.params.id)),
    'POST /v1/customers/:id/balance_transactions': (req, form) => {
      const target = customer(String(req.params.id))
      const amount = integer(form.amount, 'amount')
      const currency = required(form.currency, 'currency').toLowerCase()
      if (target.currency && target.currency !== currency) {
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          `The customer's balance is in ${target.currency}, not ${currency}.`,
          'currency_mismatch',
          'currency',
        )
      }
      target.currency = currency
      target.balance += amount
      const transaction: FakeBalanceTransaction = {
        id: newId('cbtxn'),
        object: 'customer_balance_transaction',
        customer: target.id,
        amount,
        currency,
        description: typeof form.description === 'string' ? form.description : null,
        metadata: metadataOf(form.metadata),
        ending_balance: target.balance,
        created: now(),
      }
      state.balanceTransactions.push(transaction)
      return transaction
    },
    'GET /v1/customers/:id/balance_transactions': (req) => {
      const target = customer(String(req.params.id))
      const data = state.balanceTransactions.filter((t) => t.customer === target.id).reverse()
      return { object: 'list', data, has_more: false, url: req.path }
    },
    'GET /v1/invoice_payments': (req) => {
      const query = new URL(req.originalUrl, 'http://fake').searchParams
      const type = query.get('payment[type]')
      const paymentIntent = query.get('payment[payment_intent]')
      if (paymentIntent && type !== 'payment_intent') {
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'payment[type] must be payment_intent.',
          'parameter_invalid',
          'payment[type]',
        )
      }
      const data = state.invoicePayments
        .filter((p) => !paymentIntent || p.paymentIntent === paymentIntent)
        .map((p) => ({
          id: p.id,
          object: 'invoice_payment',
          invoice: p.invoice,
          status: 'paid',
          payment: { type: 'payment_intent', payment_intent: p.paymentIntent },
        }))
      return { object: 'list', data, has_more: false, url: '/v1/invoice_payments' }
    },
    // https://docs.stripe.com/api/coupons/create: percent_off or amount_off (+ currency); duration
    // once (the default), forever or repeating (+ duration_in_months); an optional id of one's own.
    'POST /v1/coupons': (_req, form) => {
      const duration = typeof form.duration === 'string' ? form.duration : 'once'
      if (!['once', 'forever', 'repeating'].includes(duration))
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          `Invalid duration: must be one of forever, once, or repeating`,
          'parameter_invalid_string',
          'duration',
        )
      if (duration === 'repeating' && form.duration_in_months === undefined)
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'You must pass duration_in_months when duration is repeating.',
          'parameter_missing',
          'duration_in_months',
        )
      const amountOff =
        form.amount_off === undefined ? null : integer(form.amount_off, 'amount_off')
      const percentOff = form.percent_off === undefined ? null : Number(form.percent_off)
      if ((amountOff === null) === (percentOff === null))
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'You must pass exactly one of amount_off or percent_off.',
          'parameter_missing',
          amountOff === null ? 'percent_off' : 'amount_off',
        )
      if (percentOff !== null && !(percentOff > 0 && percentOff <= 100))
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'Invalid percent_off: must be greater than 0 and at most 100.',
          'parameter_invalid_float',
          'percent_off',
        )
      if (amountOff !== null && typeof form.currency !== 'string') {
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'You must pass currency when passing amount_off.',
          'parameter_missing',
          'currency',
        )
      }
      const id = typeof form.id === 'string' && form.id ? form.id : randomBytes(4).toString('hex')
      if (state.coupons.has(id))
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'Coupon already exists.',
          'resource_already_exists',
          'id',
        )
      const coupon = {
        id,
        object: 'coupon',
        amount_off: amountOff,
        percent_off: percentOff,
        currency: form.currency ?? null,
        duration,
        duration_in_months:
          duration === 'repeating' ? integer(form.duration_in_months, 'duration_in_months') : null,
        name: typeof form.name === 'string' ? form.name : null,
        max_redemptions: form.max_redemptions
          ? integer(form.max_redemptions, 'max_redemptions')
          : null,
        metadata: metadataOf(form.metadata),
        created: now(),
        livemode: false,
        times_redeemed: 0,
        valid: true,
      }
      state.coupons.set(coupon.id, coupon)
      return coupon
    },
    // https://docs.stripe.com/api/coupons/retrieve
    'GET /v1/coupons/:id': (req) => {
      const coupon = state.coupons.get(String(req.params.id))
      if (!coupon)
        throw new StripeHttpError(
          404,
          'invalid_request_error',
          `No such coupon: '${String(req.params.id)}'`,
          'resource_missing',
          'id',
        )
      return coupon
    },
    'POST /v1/promotion_codes': (_req, form) => {
      const promotion = metadataOf(form.promotion)
      const couponId = required(promotion.coupon, 'promotion[coupon]')
      if (promotion.type !== 'coupon')
        throw new StripeHttpError(
          400,
          'invalid_request_error',
          'promotion[type] must be coupon.',
          'parameter_invalid',
          'promotion[type]',
        )
      const coupon = state.coupons.get(couponId)
      if (!coupon)
        throw new StripeHttpError(
          404,
          'invalid_request_error',
          `No such coupon: '${couponId}'`,
          'resource_missing',
          'promotion[coupon]',
        )
      if (typeof form.customer === 'string') customer(form.customer)
      // https://docs.stripe.com/api/promotion_codes/create: `code` is the customer-facing code,
      // unique among active codes (case-insensitive); Stripe generates one when it is omitted.
      const promotionCode = (wanted: unknown): string => {
        if (typeof wanted !== 'string' || wanted === '')
          return `FRIEND${randomBytes(3).toString('hex').toUpperCase()}`
        const taken = [...state.promotionCodes.values()].some(
          (p) => p.active && String(p.code).toLowerCase() === wanted.toLowerCase(),
        )
        if (taken)
          throw new StripeHttpError(
            400,
            'invalid_request_error',
            'An active promotion code with `code: ' + wanted + '` already exists.',
            'resource_already_exists',
            'code',
          )
        return wanted
      }
      const code = {
        id: newId('promo'),
        object: 'promotion_code',
        code: promotionCode(form.code),
        promotion: { type: 'coupon', coupon: couponId },
        customer: form.customer ?? null,
        max_redemptions: form.max_redemptions
          ? integer(form.max_redemptions, 'max_redemptions')
          : null,
        metadata: metadataOf(form.metadata),
        active: true,
      }
      state.promotionCodes.set(code.id, code)
      return code
    },
  }

  for (const [route, handler] of Object.entries(handlers)) {
    const [method, path] = route.split(' ') as ['GET' | 'POST', string]
    const register = method === 'GET' ? app.get.bind(app) : app.post.bind(app)
    register(path, (req: Request, res: Response) => {
      const key = req.get('idempotency-key') ?? null
      const record = (status: number, replayed = false) =>
        state.requests.push({ method, path: req.path, idempotencyKey: key, replayed, status })
      const fail = (error: StripeHttpError) => {
        record(error.status)
        res.status(error.status).json({
          error: {
            type: error.type,
            message: error.message,
            code: error.code,
            param: error.param,
          },
        })
      }
      const auth = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1]
      if (!auth || !state.keys.has(auth)) {
        return fail(
          new StripeHttpError(
            401,
            'invalid_request_error',
            `Invalid API Key provided: ${(auth ?? '').slice(0, 8)}****${(auth ?? '').slice(-4)}`,
          ),
        )
      }
      const body = typeof req.body === 'string' ? req.body : ''
      const fingerprint = `${method} ${req.path} ${body}`
      if (method === 'POST' && key) {
        const earlier = idempotent.get(key)
        if (earlier) {
          if (earlier.fingerprint !== fingerprint) {
            return fail(
              new StripeHttpError(
                400,
                'idempotency_error',
                `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
              ),
            )
          }
          record(earlier.status, true)
          res.set('Idempotent-Replayed', 'true').status(earlier.status).json(earlier.body)
          return
        }
      }
      try {
        const result = handler(req, parseStripeForm(body))
        if (method === 'POST' && key)
          idempotent.set(key, { fingerprint, status: 200, body: result })
        record(200)
        res.json(result)
      } catch (error) {
        if (error instanceof StripeHttpError) return fail(error)
        throw error
      }
    })
  }
  app.use((req, res) => {
    state.requests.push({
      method: req.method,
      path: req.path,
      idempotencyKey: null,
      replayed: false,
      status: 404,
    })
    res.status(404).json({
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${req.method}: ${req.path}).`,
      },
    })
  })

  function addCustomer(input: {
    email?: string | null
    name?: string | null
    metadata?: Record<string, string>
  }): FakeCustomer {
    const created: FakeCustomer = {
      id: newId('cus'),
      object: 'customer',
      email: input.email ?? null,
      name: input.name ?? null,
      metadata: input.metadata ?? {},
      balance: 0,
      currency: null,
      created: now(),
    }
    state.customers.set(created.id, created)
    return created
  }

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    secretKey,
    addCustomer,
    addInvoicePayment: (invoice, paymentIntent) => {
      state.invoicePayments.push({ id: newId('inpay'), invoice, paymentIntent })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
