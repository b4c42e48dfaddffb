import { randomUUID } from 'node:crypto'

/** An Intercom-shaped failure: thrown by handlers, answered as `error.list` by the server. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export function errorList(code: string, message: string): Record<string, unknown> {
  return { type: 'error.list', request_id: randomUUID(), errors: [{ code, message }] }
}

export function badRequest(message: string, code = 'parameter_invalid'): FakeHttpError {
  return new FakeHttpError(400, code, message)
}

export function notFound(message: string): FakeHttpError {
  return new FakeHttpError(404, 'not_found', message)
}
