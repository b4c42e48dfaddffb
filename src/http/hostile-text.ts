import type { RequestHandler } from 'express'
import { AppError } from '../errors.js'

declare module 'http' {
  interface IncomingMessage {
    /** The parsed body held text PostgreSQL refuses and was cleaned (rawBody is as received). */
    bodyCleaned?: boolean
  }
}

// PostgreSQL stores no NUL in text or jsonb, and jsonb refuses a lone UTF-16 surrogate escape;
// either, sent as a parameter, fails the statement (a 500). https://www.postgresql.org/docs/current/datatype-character.html
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g')

/** Text PostgreSQL accepts: NUL removed, a lone surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replace(NUL, '') : text
  return LONE_SURROGATE.test(withoutNul)
    ? withoutNul.replace(LONE_SURROGATES, '\ufffd')
    : withoutNul
}

function needsCleaning(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text)
}

/** Deeper than any payload we take; a deeper body would exhaust the stack of the walk below. */
const MAX_DEPTH = 64

/**
 * A copy of a parsed JSON or form value with every string (keys too) made storable, or the same
 * value when nothing needed it. Bounded by the body parsers' own size limit and by MAX_DEPTH.
 */
export function storableValue(value: unknown, depth = 0): { value: unknown; changed: boolean } {
  if (depth > MAX_DEPTH)
    throw new AppError(
      'bad_request',
      `Invalid request: the body is nested over ${MAX_DEPTH} levels deep.`,
    )
  if (typeof value === 'string')
    return needsCleaning(value)
      ? { value: storableText(value), changed: true }
      : { value, changed: false }
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((item) => {
      const cleaned = storableValue(item, depth + 1)
      changed ||= cleaned.changed
      return cleaned.value
    })
    return changed ? { value: out, changed } : { value, changed }
  }
  if (value && typeof value === 'object') {
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const cleaned = storableValue(item, depth + 1)
      const cleanKey = needsCleaning(key) ? storableText(key) : key
      changed ||= cleaned.changed || cleanKey !== key
      out[cleanKey] = cleaned.value
    }
    return changed ? { value: out, changed } : { value, changed }
  }
  return { value, changed: false }
}

/**
 * After the body parsers: every body's text is made storable (signatures are checked on
 * req.rawBody, which stays as received). Intercom's data is cleaned rather than refused, so a
 * contact whose name holds a NUL still gets their card and their webhook is still acknowledged.
 */
export const cleanBodies: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
    const cleaned = storableValue(req.body)
    if (cleaned.changed) {
      req.body = cleaned.value
      req.bodyCleaned = true
    }
  }
  next()
}

/**
 * A NUL in the path or the query (`?q=%00`, `/r/%00`) is refused with a 400 before any route
 * reads it: no referral code, id or search can hold one.
 */
export const refuseNulInUrl: RequestHandler = (req, res, next) => {
  if (!/%00/i.test(req.originalUrl)) return next()
  res.status(400).json({
    error: {
      code: 'bad_request',
      message: 'The URL holds a NUL character (%00), which no value may contain.',
    },
  })
}
