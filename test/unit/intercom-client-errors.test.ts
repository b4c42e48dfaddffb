import { IntercomError, IntercomTimeoutError } from 'intercom-client'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  IntercomConflictError,
  IntercomRateLimitedError,
  IntercomUnauthorizedError,
} from '../../src/intercom/api-types.js'
import { conflictingContactId, toIntercomApiError } from '../../src/intercom/client-errors.js'
import { loadIntercomSdk } from '../../src/intercom/sdk.js'

const NOW = 1_800_000_000_000

function failed(statusCode: number, message: string, headers: Record<string, string> = {}) {
  const body = { type: 'error.list', errors: [{ code: 'x', message }] }
  const rawResponse = {
    headers: new Headers(headers),
    redirected: false,
    status: statusCode,
    statusText: '',
    type: 'basic' as const,
    url: 'http://127.0.0.1/',
  }
  return new IntercomError({ message: 'Status code error', statusCode, body, rawResponse })
}

describe('toIntercomApiError', () => {
  // As in the app, where an SDK error can only come from a call that loaded the SDK first.
  beforeAll(() => loadIntercomSdk())

  it.each([
    [400, 'Custom attribute x does not exist', false],
    [404, 'Contact Not Found', false],
    [422, 'Unprocessable', false],
    [408, 'Request Timeout', true],
    [500, 'Internal', true],
    [503, 'Unavailable', true],
  ])('maps %i to retryable=%s with Intercom message', (status, message, retryable) => {
    const sut = toIntercomApiError(failed(status, message), NOW)
    expect(sut).toMatchObject({ status, retryable })
    expect(sut.message).toContain(message)
  })

  it('maps 429 to a retry at X-RateLimit-Reset', () => {
    const sut = toIntercomApiError(failed(429, 'limit', { 'X-RateLimit-Reset': '1800000042' }), NOW)
    expect(sut).toBeInstanceOf(IntercomRateLimitedError)
    expect((sut as IntercomRateLimitedError).retryAt.getTime()).toBe(1_800_000_042_000)
  })

  it('maps 401 and 409', () => {
    expect(toIntercomApiError(failed(401, 'Access Token Invalid'))).toBeInstanceOf(
      IntercomUnauthorizedError,
    )
    const conflict = toIntercomApiError(
      failed(
        409,
        'A contact matching those details already exists with id=6657a1b2c3d4e5f6a7b8c9d0',
      ),
    )
    expect(conflict).toBeInstanceOf(IntercomConflictError)
    expect((conflict as IntercomConflictError).existingContactId).toBe('6657a1b2c3d4e5f6a7b8c9d0')
  })

  it('treats timeouts and network failures as retryable, a malformed answer as final', () => {
    expect(toIntercomApiError(new IntercomTimeoutError('Timeout'))).toMatchObject({
      status: null,
      retryable: true,
    })
    expect(toIntercomApiError(new TypeError('fetch failed'))).toMatchObject({ retryable: true })
    const malformed = z.object({ id: z.string() }).safeParse({}).error
    expect(toIntercomApiError(malformed)).toMatchObject({ status: null, retryable: false })
  })
})

describe('conflictingContactId', () => {
  it.each([
    ['A contact matching those details already exists with id=abc123', 'abc123'],
    ['An archived contact matching those details already exists with id=f00', 'f00'],
    ['A contact matching those details already exists', null],
    [null, null],
  ])('reads %j', (message, expected) => {
    expect(conflictingContactId(message)).toBe(expected)
  })
})
