// PostgreSQL SQLSTATE classes that mean "the server is not there right now", not "your query is
// wrong": 08 connection exception, 57P01-57P03 shutdown / cannot connect now, 53 resources.
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53)/
const UNAVAILABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
])
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly|the database system is (starting up|shutting down)/i

/** True when an error means the database cannot be reached (answer 503, the client may retry). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown }
    if (
      typeof code === 'string' &&
      (UNAVAILABLE_NETWORK.has(code) || UNAVAILABLE_SQLSTATE.test(code))
    )
      return true
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true
    e = cause
  }
  return false
}
