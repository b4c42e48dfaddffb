import { z } from 'zod'
import { minorUnitDigits } from '../../money/currencies.js'
import { callJson } from './provider-http.js'
import {
  type CatalogItem,
  type CatalogValue,
  decimalOf,
  type PayoutEnvironment,
  type PayoutErrorKind,
  type PayoutOrder,
  type PayoutProvider,
  type PlacedPayout,
  type ProviderAccount,
} from './provider.js'

/**
 * Tango Card RaaS API v2 (https://developers.tangocard.com/reference): Basic auth with the
 * platform name and key; an order names the account it draws on, the catalog item (utid) and an
 * `externalRefID`, which makes it idempotent (the same reference returns the first order).
 */
const TANGO_CARD_BASE_URLS: Record<PayoutEnvironment, string> = {
  sandbox: 'https://integration-api.tangocard.com/raas/v2',
  live: 'https://api.tangocard.com/raas/v2',
}

export interface TangoCardCredentials {
  readonly platformName: string
  readonly platformKey: string
  readonly customerIdentifier: string
  readonly accountIdentifier: string
}

const accountSchema = z.object({
  accountIdentifier: z.string(),
  displayName: z.string().nullish(),
  currencyCode: z.string(),
  currentBalance: z.number(),
  status: z.string().nullish(),
})

// GET /catalogs (https://developers.tangocard.com/docs/view-catalog): brands, each with its items;
// an item is FIXED_VALUE (faceValue) or VARIABLE_VALUE (minValue to maxValue), in currencyCode.
const catalogSchema = z.object({
  brands: z.array(
    z.object({
      brandName: z.string(),
      status: z.string().nullish(),
      items: z.array(
        z.object({
          utid: z.string(),
          rewardName: z.string(),
          currencyCode: z.string(),
          status: z.string().nullish(),
          valueType: z.string().nullish(),
          faceValue: z.number().nullish(),
          minValue: z.number().nullish(),
          maxValue: z.number().nullish(),
        }),
      ),
    }),
  ),
})

type TangoItem = z.infer<typeof catalogSchema>['brands'][number]['items'][number]

function valueOf(item: TangoItem): CatalogValue | undefined {
  const scale = 10 ** minorUnitDigits(item.currencyCode)
  const minor = (major: number) => Math.round(major * scale)
  if (item.valueType === 'FIXED_VALUE' && typeof item.faceValue === 'number')
    return { kind: 'fixed', minor: minor(item.faceValue) }
  if (typeof item.minValue === 'number' && typeof item.maxValue === 'number')
    return { kind: 'range', minMinor: minor(item.minValue), maxMinor: minor(item.maxValue) }
  return undefined
}

const active = (status: string | null | undefined) => !status || status.toLowerCase() === 'active'

const orderSchema = z.object({
  referenceOrderID: z.string(),
  externalRefID: z.string().nullish(),
  status: z.string(),
  reward: z
    .object({ credentials: z.record(z.string(), z.string()).nullish() })
    .passthrough()
    .nullish(),
})

const errorSchema = z
  .object({
    message: z.string().nullish(),
    i18nKey: z.string().nullish(),
    errors: z
      .array(z.object({ path: z.string().nullish(), message: z.string().nullish() }))
      .nullish(),
  })
  .passthrough()

function classify(status: number, body: unknown): { kind: PayoutErrorKind; message: string } {
  const parsed = errorSchema.safeParse(body)
  const detail = parsed.success ? parsed.data : { message: null, i18nKey: null, errors: null }
  const message =
    detail.errors?.map((e) => e.message).find(Boolean) ??
    detail.message ??
    `Tango Card answered ${status}`
  if (status === 401 || status === 403) return { kind: 'auth', message }
  const text = `${detail.i18nKey ?? ''} ${message}`.toLowerCase()
  if (text.includes('insufficient')) return { kind: 'insufficient_funds', message }
  if (detail.errors?.some((e) => e.path?.startsWith('recipient')))
    return { kind: 'invalid_recipient', message }
  return { kind: 'rejected', message }
}

export function tangoCardProvider(
  credentials: TangoCardCredentials,
  environment: PayoutEnvironment,
  baseUrl = TANGO_CARD_BASE_URLS[environment],
): PayoutProvider {
  const basic = Buffer.from(`${credentials.platformName}:${credentials.platformKey}`).toString(
    'base64',
  )
  const headers = { authorization: `Basic ${basic}` }
  const account = encodeURIComponent(credentials.accountIdentifier)
  return {
    name: 'tango_card',
    environment,
    async account(): Promise<ProviderAccount> {
      const { body } = await callJson(
        `${baseUrl}/accounts/${account}`,
        { method: 'GET', headers },
        accountSchema,
        classify,
      )
      const digits = minorUnitDigits(body.currencyCode)
      return {
        label: body.displayName ?? body.accountIdentifier,
        balance: {
          minor: Math.round(body.currentBalance * 10 ** digits),
          currency: body.currencyCode,
        },
      }
    },
    async place(order: PayoutOrder): Promise<PlacedPayout> {
      if (!order.product) throw new Error('a Tango Card payout needs a catalog item (utid)')
      const { body } = await callJson(
        `${baseUrl}/orders`,
        {
          method: 'POST',
          headers,
          body: {
            accountIdentifier: credentials.accountIdentifier,
            customerIdentifier: credentials.customerIdentifier,
            amount: Number(decimalOf(order.amount, minorUnitDigits(order.amount.currency))),
            utid: order.product,
            recipient: {
              email: order.recipient.email,
              firstName: (order.recipient.name ?? '').split(' ')[0] || 'Friend',
            },
            sendEmail: order.delivery === 'email',
            message: order.note,
            externalRefID: order.rewardId,
          },
        },
        orderSchema,
        classify,
      )
      const link =
        body.reward?.credentials &&
        Object.values(body.reward.credentials).find((v) => /^https?:\/\//.test(v))
      return {
        orderId: body.referenceOrderID,
        itemId: null,
        state: body.status.toUpperCase() === 'COMPLETE' ? 'delivered' : 'sent',
        linkUrl: link ?? null,
      }
    },
    // RaaS v2 has no call to cancel an order: a digital card is issued when it is placed.
    async cancel() {
      return 'not-cancellable' as const
    },
    async catalog(): Promise<CatalogItem[]> {
      const { body } = await callJson(
        `${baseUrl}/catalogs`,
        { method: 'GET', headers },
        catalogSchema,
        classify,
      )
      return body.brands
        .filter((brand) => active(brand.status))
        .flatMap((brand) =>
          brand.items
            .filter((item) => active(item.status))
            .map((item) => ({
              id: item.utid,
              name: item.rewardName,
              currency: item.currencyCode,
              brand: brand.brandName,
              ...(valueOf(item) ? { value: valueOf(item) } : {}),
            })),
        )
    },
  }
}
