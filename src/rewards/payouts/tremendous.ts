import type * as TremendousSdk from 'tremendous'
import type { OrdersApi } from 'tremendous'
import { z } from 'zod'
import { minorUnitDigits } from '../../money/currencies.js'
import { retryAfterSeconds } from './provider-http.js'
import {
  decimalOf,
  PayoutError,
  type PayoutEnvironment,
  type PayoutOrder,
  type PayoutProvider,
  type PlacedPayout,
  type ProviderAccount,
} from './provider.js'

/**
 * Tremendous through its official Node client (https://github.com/tremendous-rewards/tremendous-node,
 * API reference https://developers.tremendous.com/reference): an order with `external_id` set is
 * idempotent, a second request with the same id returns the first order and creates nothing.
 */
const TREMENDOUS_BASE_URLS: Record<PayoutEnvironment, string> = {
  // The SDK's Environments.testflight and Environments.production.
  sandbox: 'https://testflight.tremendous.com/api/v2',
  live: 'https://api.tremendous.com/api/v2',
}

export interface TremendousCredentials {
  readonly apiKey: string
  /** The Tremendous campaign whose products a recipient chooses from, for "recipient's choice". */
  readonly campaignId: string | null
  /** 'balance' (the account's prepaid balance) unless the admin named another source. */
  readonly fundingSourceId: string
}

const orderSchema = z.object({
  order: z.object({
    id: z.string(),
    status: z.string(),
    rewards: z
      .array(
        z.object({
          id: z.string(),
          delivery: z
            .object({ status: z.string().nullish(), link: z.string().nullish() })
            .nullish(),
        }),
      )
      .nullish(),
  }),
})

const fundingSchema = z.object({
  funding_source: z.object({
    method: z.string().nullish(),
    meta: z.object({ available_cents: z.number().nullish() }).passthrough().nullish(),
  }),
})

const productsSchema = z.object({
  products: z.array(
    z.object({ id: z.string(), name: z.string(), currency_codes: z.array(z.string()).nullish() }),
  ),
})

const errorBody = z
  .object({
    errors: z
      .object({ message: z.string().nullish(), payload: z.unknown().nullish() })
      .passthrough(),
  })
  .passthrough()

interface AxiosLike {
  response?: { status: number; data: unknown; headers: Record<string, unknown> }
  message?: string
}

/** The client throws axios errors; they become PayoutErrors with the provider's own reason. */
function payoutErrorOf(error: unknown): PayoutError {
  const response = (error as AxiosLike).response
  if (!response) {
    return new PayoutError(
      'unavailable',
      `could not reach Tremendous: ${(error as AxiosLike).message ?? String(error)}`,
    )
  }
  const parsed = errorBody.safeParse(response.data)
  const message = parsed.success
    ? (parsed.data.errors.message ?? `Tremendous answered ${response.status}`)
    : `Tremendous answered ${response.status}`
  const payload = parsed.success ? JSON.stringify(parsed.data.errors.payload ?? {}) : ''
  const retryAfter = response.headers['retry-after']
  if (response.status === 429) {
    return new PayoutError(
      'rate_limited',
      message,
      retryAfterSeconds(typeof retryAfter === 'string' ? retryAfter : null),
    )
  }
  if (response.status >= 500) return new PayoutError('unavailable', message)
  if (response.status === 401 || response.status === 403) return new PayoutError('auth', message)
  if (response.status === 402 || /insufficient|not enough funds/i.test(message)) {
    return new PayoutError('insufficient_funds', message)
  }
  if (/recipient/.test(payload) || /recipient|email/i.test(message)) {
    return new PayoutError('invalid_recipient', message)
  }
  return new PayoutError('rejected', message)
}

async function call<T>(schema: z.ZodType<T>, request: () => Promise<{ data: unknown }>) {
  let data: unknown
  try {
    data = (await request()).data
  } catch (error) {
    throw payoutErrorOf(error)
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw new PayoutError('unavailable', 'unexpected answer from Tremendous')
  return parsed.data
}

export function tremendousProvider(
  credentials: TremendousCredentials,
  environment: PayoutEnvironment,
  baseUrl = TREMENDOUS_BASE_URLS[environment],
): PayoutProvider {
  // The SDK (with its HTTP client, about 20 MB resident) loads on this provider's first call, so a
  // server that pays no one through Tremendous never holds it.
  let loading: Promise<typeof TremendousSdk> | undefined
  const sdk = () => (loading ??= import('tremendous'))
  const configured = async () => {
    const { Configuration } = await sdk()
    return new Configuration({
      basePath: baseUrl,
      accessToken: credentials.apiKey,
      baseOptions: { timeout: 15_000 },
    })
  }
  return {
    name: 'tremendous',
    environment,
    async account(): Promise<ProviderAccount> {
      const funding = new (await sdk()).FundingSourcesApi(await configured())
      const body = await call(fundingSchema, () =>
        funding.getFundingSource(credentials.fundingSourceId),
      )
      const cents = body.funding_source.meta?.available_cents
      return {
        label: `Tremendous ${environment === 'live' ? 'account' : 'sandbox'} (${body.funding_source.method ?? credentials.fundingSourceId})`,
        balance: typeof cents === 'number' ? { minor: cents, currency: 'USD' } : null,
      }
    },
    async place(order: PayoutOrder): Promise<PlacedPayout> {
      const choice = order.product === null
      if (choice && !credentials.campaignId) {
        throw new PayoutError(
          'rejected',
          'A recipient’s-choice reward needs the Tremendous campaign set on the connection.',
        )
      }
      const digits = minorUnitDigits(order.amount.currency)
      const orders = new (await sdk()).OrdersApi(await configured())
      const body = await call(orderSchema, () =>
        orders.createOrder({
          external_id: order.rewardId,
          payment: { funding_source_id: credentials.fundingSourceId },
          reward: {
            value: {
              denomination: Number(decimalOf(order.amount, digits)),
              currency_code: order.amount.currency,
            },
            recipient: {
              name: order.recipient.name ?? order.recipient.email,
              email: order.recipient.email,
            },
            delivery: { method: order.delivery === 'link' ? 'LINK' : 'EMAIL' },
            ...(choice
              ? { campaign_id: credentials.campaignId ?? '' }
              : { products: [order.product ?? ''] }),
          },
        } as Parameters<OrdersApi['createOrder']>[0]),
      )
      const reward = body.order.rewards?.[0]
      return {
        orderId: body.order.id,
        itemId: reward?.id ?? null,
        state: reward?.delivery?.status === 'SUCCEEDED' ? 'delivered' : 'sent',
        linkUrl: reward?.delivery?.link ?? null,
      }
    },
    async cancel(placed) {
      if (!placed.itemId) return 'not-cancellable'
      const rewards = new (await sdk()).RewardsApi(await configured())
      try {
        await rewards.cancelReward(placed.itemId)
        return 'cancelled'
      } catch (error) {
        const failure = payoutErrorOf(error)
        // Tremendous cancels only a reward whose delivery failed; a sent one is the recipient's.
        if (failure.kind === 'rejected') return 'not-cancellable'
        throw failure
      }
    },
    async catalog() {
      const products = new (await sdk()).ProductsApi(await configured())
      const body = await call(productsSchema, () => products.listProducts())
      return body.products.map((p) => ({
        id: p.id,
        name: p.name,
        currency: p.currency_codes?.[0] ?? 'USD',
      }))
    },
  }
}
