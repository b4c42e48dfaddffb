import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Logger } from '../logger.js'

declare module 'express-serve-static-core' {
  interface Locals {
    requestId: string
    log: Logger
    /** Set by a router whose callers expect a special error body (Canvas Kit: an error canvas). */
    renderError?: (reference: string, error: unknown) => { status: number; body: unknown }
  }
}

/** A request id on every request and log line, echoed as X-Request-Id. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id')
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
    res.locals.requestId = requestId
    // Most requests never log: the child logger is made on first use, not on every request.
    let log: Logger | undefined
    Object.defineProperty(res.locals, 'log', {
      get: () => (log ??= logger.child({ requestId })),
      set: (value: Logger) => {
        log = value
      },
      enumerable: true,
      configurable: true,
    })
    res.setHeader('X-Request-Id', requestId)
    if (logger.isLevelEnabled('debug')) {
      const started = process.hrtime.bigint()
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        res.locals.log.debug(
          { method: req.method, path: req.path, status: res.statusCode, ms },
          'request',
        )
      })
    }
    next()
  }
}
