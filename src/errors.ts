export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  /** The one embedded database session is saturated: answered at once, with Retry-After. */
  busy: 503,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export interface FieldIssue {
  readonly path: string
  readonly message: string
}

/** An error whose message is safe to show to the caller. */
export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message)
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}
