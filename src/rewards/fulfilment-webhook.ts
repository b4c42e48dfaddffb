import { createHmac, randomUUID } from 'node:crypto'
import {
  type DestinationPolicy,
  pinDestination,
  UnsafeDestinationError,
} from '../outbound/destination.js'
import { postPinned } from '../outbound/pinned-post.js'

const SIGNATURE_HEADER = 'X-Referrals-Signature'
const DELIVERY_HEADER = 'X-Referrals-Delivery'

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>` with the workspace's signing secret. */
export function signFulfilmentBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
}

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError'
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message)
  }
}

/**
 * POSTs a signed JSON body; any answer but 2xx (or a network failure or timeout) throws, and the
 * job queue tries again later. Redirects are not followed: the signature covers one destination.
 * The URL is checked again here, after DNS, and the request pinned to the address checked: a
 * name that turned private since it was saved (or rebinds between lookups) reaches nothing.
 */
export async function deliverFulfilmentWebhook(input: {
  url: string
  payload: unknown
  secret: string
  policy: DestinationPolicy
  timeoutMs?: number
}): Promise<{ deliveryId: string; status: number }> {
  const body = JSON.stringify(input.payload)
  const deliveryId = randomUUID()
  let status: number
  try {
    const destination = await pinDestination(input.url, input.policy)
    ;({ status } = await postPinned(destination, {
      body,
      timeoutMs: input.timeoutMs ?? 10_000,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'intercom-referrals-fulfilment/1',
        [SIGNATURE_HEADER]: signFulfilmentBody(body, input.secret),
        [DELIVERY_HEADER]: deliveryId,
      },
    }))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    if (error instanceof UnsafeDestinationError)
      throw new WebhookDeliveryError(`fulfilment webhook refused: ${reason}`, null)
    throw new WebhookDeliveryError(`fulfilment webhook unreachable: ${reason}`, null)
  }
  if (status < 200 || status >= 300) {
    throw new WebhookDeliveryError(`fulfilment webhook answered ${status}`, status)
  }
  return { deliveryId, status }
}
