import { z } from 'zod'
import { minorUnitDigits } from '../../money/currencies.js'
import { callJson } from './provider-http.js'
import {
  decimalOf,
  PayoutError,
  type PayoutEnvironment,
  type PayoutErrorKind,
  type PayoutOrder,
  type PayoutProvider,
  type PlacedPayout,
  type ProviderAccount,
} from './provider.js'

/**
 * PayPal Payouts (https://developer.paypal.com/api/payments.payouts-batch/v1/): an OAuth 2.0
 * client-credentials token, then one batch per reward. The reward id is both the
 * `sender_batch_id` (PayPal pays a batch id once in 30 days) and the `PayPal-Request-Id`
 * (a replay returns the first answer), so a retry never pays twice.
 */
const PAYPAL_BASE_URLS: Record<PayoutEnvironment, string> = {
  sandbox: 'https://api-m.sandbox.paypal.com',
  live: 'https://api-m.paypal.com',
}

export interface PayPalCredentials {
  readonly clientId: string
  readonly clientSecret: string
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  app_id: z.string().nullish(),
})

const link = z.object({ href: z.string(), rel: z.string(), method: z.string().nullish() })

const batchSchema = z.object({
  batch_header: z.object({
    payout_batch_id: z.string(),
    batch_status: z.string(),
  }),
  items: z
    .array(z.object({ payout_item_id: z.string(), transaction_status: z.string().nullish() }))
    .nullish(),
  links: z.array(link).nullish(),
})

const balancesSchema = z.object({
  balances: z.array(
    z.object({
      currency: z.string(),
      primary: z.boolean().nullish(),
      available_balance: z.object({ currency_code: z.string(), value: z.string() }).nullish(),
      total_balance: z.object({ currency_code: z.string(), value: z.string() }),
    }),
  ),
})

const errorSchema = z
  .object({
    name: z.string().nullish(),
    message: z.string().nullish(),
    details: z
      .array(z.object({ field: z.string().nullish(), issue: z.string().nullish() }))
      .nullish(),
    links: z.array(link).nullish(),
  })
  .passthrough()

type PayPalError = z.infer<typeof errorSchema>

function classifyWith(seen: { error: PayPalError | null }) {
  return (status: number, body: unknown): { kind: PayoutErrorKind; message: string } => {
    const parsed = errorSchema.safeParse(body)
    const error = parsed.success ? parsed.data : null
    seen.error = error
    const name = error?.name ?? ''
    const message = error?.message ?? (name || `PayPal answered ${status}`)
    if (status === 401 || status === 403) return { kind: 'auth', message }
    if (name === 'INSUFFICIENT_FUNDS') return { kind: 'insufficient_funds', message }
    if (
      name.startsWith('RECEIVER_') ||
      error?.details?.some((d) => d.field?.includes('receiver'))
    ) {
      return { kind: 'invalid_recipient', message }
    }
    return { kind: 'rejected', message }
  }
}

export function paypalProvider(
  credentials: PayPalCredentials,
  environment: PayoutEnvironment,
  baseUrl = PAYPAL_BASE_URLS[environment],
): PayoutProvider {
  let token: { value: string; until: number } | null = null

  async function bearer(): Promise<Record<string, string>> {
    if (!token || token.until <= Date.now()) {
      const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString(
        'base64',
      )
      // Form-encoded, as the token endpoint requires.
      const response = await fetch(`${baseUrl}/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(15_000),
      }).catch((error: unknown) => {
        throw new PayoutError('unavailable', `could not reach PayPal: ${String(error)}`)
      })
      if (response.status === 401 || response.status === 400) {
        throw new PayoutError('auth', 'PayPal did not accept the client id and secret')
      }
      if (!response.ok) throw new PayoutError('unavailable', `PayPal answered ${response.status}`)
      const parsed = tokenSchema.safeParse(await response.json().catch(() => null))
      if (!parsed.success) throw new PayoutError('unavailable', 'unexpected token from PayPal')
      // Renewed a minute early, so a token never expires mid-call.
      token = {
        value: parsed.data.access_token,
        until: Date.now() + (parsed.data.expires_in - 60) * 1000,
      }
    }
    return { authorization: `Bearer ${token.value}` }
  }

  async function batch(href: string): Promise<z.infer<typeof batchSchema>> {
    const seen = { error: null }
    const { body } = await callJson(
      href,
      { method: 'GET', headers: await bearer() },
      batchSchema,
      classifyWith(seen),
    )
    return body
  }

  function placed(body: z.infer<typeof batchSchema>): PlacedPayout {
    const item = body.items?.[0]
    const status = (item?.transaction_status ?? body.batch_header.batch_status).toUpperCase()
    return {
      orderId: body.batch_header.payout_batch_id,
      itemId: item?.payout_item_id ?? null,
      state: status === 'SUCCESS' ? 'delivered' : 'sent',
      linkUrl: null,
    }
  }

  return {
    name: 'paypal',
    environment,
    async account(): Promise<ProviderAccount> {
      const seen = { error: null }
      const { body } = await callJson(
        `${baseUrl}/v1/reporting/balances`,
        { method: 'GET', headers: await bearer() },
        balancesSchema,
        classifyWith(seen),
      )
      const primary = body.balances.find((b) => b.primary) ?? body.balances[0]
      const amount = primary?.available_balance ?? primary?.total_balance
      const digits = amount ? minorUnitDigits(amount.currency_code) : 2
      return {
        label: `PayPal app ${credentials.clientId.slice(0, 6)}…`,
        balance: amount
          ? {
              minor: Math.round(Number(amount.value) * 10 ** digits),
              currency: amount.currency_code,
            }
          : null,
      }
    },
    async place(order: PayoutOrder): Promise<PlacedPayout> {
      const seen: { error: PayPalError | null } = { error: null }
      const digits = minorUnitDigits(order.amount.currency)
      try {
        const { body } = await callJson(
          `${baseUrl}/v1/payments/payouts`,
          {
            method: 'POST',
            headers: { ...(await bearer()), 'paypal-request-id': order.rewardId },
            body: {
              sender_batch_header: {
                sender_batch_id: order.rewardId,
                email_subject: 'You have a reward',
                email_message: order.note,
              },
              items: [
                {
                  recipient_type: 'EMAIL',
                  receiver: order.recipient.email,
                  amount: {
                    value: decimalOf(order.amount, digits),
                    currency: order.amount.currency,
                  },
                  note: order.note,
                  sender_item_id: order.rewardId,
                },
              ],
            },
          },
          batchSchema,
          classifyWith(seen),
        )
        const self = body.links?.find((l) => l.rel === 'self')?.href
        return placed(self && !body.items?.length ? await batch(self) : body)
      } catch (error) {
        // The batch id was used already (an earlier attempt did reach PayPal): its answer links
        // to that first batch, which is this payout.
        const original = seen.error?.links?.find((l) => /\/v1\/payments\/payouts\//.test(l.href))
        if (error instanceof PayoutError && error.kind === 'rejected' && original) {
          return placed(await batch(original.href))
        }
        throw error
      }
    },
    async cancel(payout) {
      if (!payout.itemId) return 'not-cancellable'
      const seen = { error: null }
      try {
        await callJson(
          `${baseUrl}/v1/payments/payouts-item/${encodeURIComponent(payout.itemId)}/cancel`,
          { method: 'POST', headers: await bearer() },
          z.object({ transaction_status: z.string() }).passthrough(),
          classifyWith(seen),
        )
        return 'cancelled'
      } catch (error) {
        // Only an UNCLAIMED item can be cancelled; anything else is already the recipient's.
        if (error instanceof PayoutError && error.kind === 'rejected') return 'not-cancellable'
        throw error
      }
    },
    async catalog() {
      return []
    },
  }
}
