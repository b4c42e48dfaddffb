import type { IncomingMessage } from 'node:http'
import express, { type RequestHandler } from 'express'

export const BODY_LIMIT = '256kb'
/** BODY_LIMIT in bytes (for readers of the body other than the parsers below). */
export const BODY_LIMIT_BYTES = 256 * 1024

declare module 'http' {
  interface IncomingMessage {
    /** The exact bytes received, kept for signature checks (Intercom signs the raw body). */
    rawBody?: Buffer
  }
}

function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  req.rawBody = buffer
}

/** JSON and form bodies, size-limited, with the raw bytes kept; malformed JSON reaches the error handler as a 400. */
export function bodyParsers(): RequestHandler[] {
  return [
    express.json({
      limit: BODY_LIMIT,
      verify: keepRawBody,
      type: ['application/json', 'application/*+json'],
    }),
    express.urlencoded({ limit: BODY_LIMIT, extended: false, verify: keepRawBody }),
  ]
}
