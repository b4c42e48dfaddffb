import { ZodError } from 'zod'
import {
  IntercomApiError,
  IntercomConflictError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
} from './api-types.js'
import { retryAtFrom } from './rate-limiter.js'
import { loadedIntercomSdk } from './sdk.js'

/** Intercom's `error.list` message, e.g. "Custom attribute 'x' does not exist". */
export function intercomMessage(body: unknown): string | null {
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
    const first: unknown = body.errors[0]
    if (first && typeof first === 'object') {
      const { message, code } = first as { message?: unknown; code?: unknown }
      if (typeof message === 'string' && message !== '') return message
      if (typeof code === 'string') return code
    }
  }
  return null
}

/** The id Intercom names in its 409 text: "A contact matching those details already exists with id=…". */
export function conflictingContactId(message: string | null): string | null {
  return message?.match(/\bid=([A-Za-z0-9_-]+)/)?.[1] ?? null
}

/**
 * Maps whatever intercom-client threw onto the app's error classes: 429 → rate limited (retry at
 * the reset), 401 → unauthorized, 409 → conflict, 408/5xx/timeouts/network → retryable, other 4xx →
 * not retryable with Intercom's own message.
 */
export function toIntercomApiError(error: unknown, now = Date.now()): IntercomApiError {
  if (error instanceof IntercomApiError) return error
  const sdk = loadedIntercomSdk()
  if (sdk && error instanceof sdk.IntercomTimeoutError) {
    return new IntercomApiError(`Intercom did not answer in time (${error.message})`, null, true)
  }
  if (error instanceof ZodError) {
    // A 2xx whose body lacks what the app reads: trying again would get the same answer.
    const issue = error.issues[0]
    const where = issue?.path.join('.') || 'body'
    return new IntercomApiError(
      `Intercom answered unexpectedly (${where}: ${issue?.message})`,
      null,
      false,
    )
  }
  if (!sdk || !(error instanceof sdk.IntercomError)) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null
    const text = error instanceof Error ? error.message : String(error)
    if (cause)
      return new IntercomApiError(
        `Could not reach Intercom: ${text} (${cause.message})`,
        null,
        true,
      )
    return new IntercomApiError(`Could not reach Intercom: ${text}`, null, true)
  }
  const status = error.statusCode ?? null
  const message = intercomMessage(error.body) ?? error.message
  if (status === 429) {
    return new IntercomRateLimitedError(retryAtFrom(error.rawResponse?.headers ?? {}, now))
  }
  if (status === 401) return new IntercomUnauthorizedError(message)
  if (status === 409) return new IntercomConflictError(conflictingContactId(message))
  if (status === null || status === 408 || status >= 500) {
    return new IntercomApiError(
      `Intercom failed (${status ?? 'no status'}): ${message}`,
      status,
      true,
    )
  }
  return new IntercomApiError(message, status, false)
}
