import type { z } from 'zod'
import { AppError, type FieldIssue } from '../errors.js'

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.join('.') || '(root)',
    message: issue.message,
  }))
}

/** Validates untrusted input at the edge: a typed value, or a 400 naming each bad field. */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request',
  /** Words for issues whose schema gives none (zod's per-parse error map). */
  words?: (issue: z.core.$ZodRawIssue) => string | undefined,
): z.output<S> {
  const result = schema.safeParse(value, words ? { error: words } : undefined)
  if (result.success) return result.data
  const fields = zodIssues(result.error)
  const first = fields[0]
  throw new AppError(
    'bad_request',
    `Invalid ${what}: ${first ? `${first.path}: ${first.message}` : 'malformed'}`,
    fields,
  )
}
