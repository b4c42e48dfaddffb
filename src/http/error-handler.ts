import { randomBytes } from 'node:crypto'
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { ZodError } from 'zod'
import { AppError, ERROR_STATUS, type ErrorCode } from '../errors.js'
import { LedgerError } from '../ledger/errors.js'
import { isSessionBusy } from '../../db/session-admission.js'
import { isDatabaseUnavailable } from './database-unavailable.js'
import { zodIssues } from './parse.js'

const LEDGER_STATUS: Record<string, ErrorCode> = {
  not_found: 'not_found',
  code_taken: 'conflict',
  stale_campaign: 'conflict',
  invalid_email: 'bad_request',
  invalid_code: 'bad_request',
  missing_identity: 'bad_request',
}

/** A short id a person can quote; the same id is in the log line with the stack. */
export function newReference(): string {
  return randomBytes(4).toString('hex')
}

/** Maps every error to a clear answer; unknown errors are logged with a reference and never leak. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error
  if (error instanceof ZodError) {
    const fields = zodIssues(error)
    return new AppError(
      'bad_request',
      `Invalid request: ${fields[0]?.path}: ${fields[0]?.message}`,
      fields,
    )
  }
  if (error instanceof LedgerError)
    return new AppError(LEDGER_STATUS[error.code] ?? 'unprocessable', error.message)
  if (isSessionBusy(error))
    return new AppError('busy', 'The app is busy right now; try again in a few seconds.')
  if (isDatabaseUnavailable(error))
    return new AppError(
      'unavailable',
      'The database is not reachable right now; try again shortly.',
    )
  const status = (error as { status?: unknown; type?: unknown } | null)?.status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: unknown }).type
    if (type === 'entity.parse.failed')
      return new AppError('bad_request', 'The request body is not valid JSON.')
    if (type === 'entity.too.large')
      return new AppError('payload_too_large', 'The request body is too large.')
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return new AppError('unsupported_media_type', 'Unsupported body encoding.')
    }
    const code =
      (Object.keys(ERROR_STATUS) as ErrorCode[]).find((key) => ERROR_STATUS[key] === status) ??
      'bad_request'
    return new AppError(code, 'The request could not be read.')
  }
  return null
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error)
  const known = toAppError(error)
  const reference = newReference()
  const log = res.locals.log
  // One `msg` per line: the reason is its own field, so every log parser keeps it.
  if (known) log?.info({ code: known.code, reference, reason: known.message }, 'request refused')
  else log?.error({ err: error, reference }, 'unexpected error')
  // Seconds a client should wait before retrying (Intercom redelivers a webhook answered 503).
  if (known?.code === 'busy') res.setHeader('Retry-After', '1')
  else if (known?.code === 'unavailable') res.setHeader('Retry-After', '5')
  const rendered = res.locals.renderError?.(reference, known ?? error)
  if (rendered) {
    res.status(rendered.status).json(rendered.body)
    return
  }
  if (known) {
    res
      .status(known.status)
      .json({ error: { code: known.code, message: known.message, fields: known.fields } })
    return
  }
  res.status(500).json({
    error: {
      code: 'internal',
      message: `Something went wrong (reference ${reference}).`,
      reference,
    },
  })
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } })
}
