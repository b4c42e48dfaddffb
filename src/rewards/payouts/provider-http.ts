import type { z } from 'zod'
import { PayoutError, type PayoutErrorKind } from './provider.js'

interface JsonResponse<T> {
  readonly status: number
  readonly body: T
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); null when absent. */
export function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

/**
 * One JSON call with a 15 s bound. A 2xx body is parsed with `schema` (zod at the edge: a
 * provider's surprise is an error here, not a wrong payout later); anything else is classified
 * into a PayoutError by `classify`, which sees the status and the parsed error body.
 */
export async function callJson<T>(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: unknown },
  schema: z.ZodType<T>,
  classify: (status: number, body: unknown) => { kind: PayoutErrorKind; message: string },
): Promise<JsonResponse<T>> {
  let response: Response
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(15_000),
    })
  } catch (error) {
    throw new PayoutError('unavailable', `could not reach the provider: ${messageOf(error)}`)
  }
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = text
  }
  if (response.status === 429) {
    throw new PayoutError(
      'rate_limited',
      'the provider asked us to slow down',
      retryAfterSeconds(response.headers.get('retry-after')),
    )
  }
  if (response.status >= 500) {
    throw new PayoutError('unavailable', `the provider answered ${response.status}`)
  }
  if (response.status < 200 || response.status >= 300) {
    const { kind, message } = classify(response.status, body)
    throw new PayoutError(kind, message)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new PayoutError('unavailable', `unexpected answer from the provider (${response.status})`)
  }
  return { status: response.status, body: parsed.data }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
