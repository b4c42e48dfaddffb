import { createHmac, randomUUID } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-Referrals-Signature'
export const DELIVERY_HEADER = 'X-Referrals-Delivery'

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
 */
export async function deliverFulfilmentWebhook(input: {
  url: string
  payload: unknown
  secret: string
  timeoutMs?: number
}): Promise<{ deliveryId: string; status: number }> {
  const body = JSON.stringify(input.payload)
  const deliveryId = randomUUID()
  let response: Response
  try {
    response = await fetch(input.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'intercom-referrals-fulfilment/1',
        [SIGNATURE_HEADER]: signFulfilmentBody(body, input.secret),
        [DELIVERY_HEADER]: deliveryId,
      },
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new WebhookDeliveryError(`fulfilment webhook unreachable: ${reason}`, null)
  }
  // Drain the body so the connection can be reused; its content does not matter.
  await response.arrayBuffer().catch(() => undefined)
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookDeliveryError(
      `fulfilment webhook answered ${response.status}`,
      response.status,
    )
  }
  return { deliveryId, status: response.status }
}
