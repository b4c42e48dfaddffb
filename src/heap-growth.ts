import { setFlagsFromString } from 'node:v8'

/**
 * How far V8 lets the heap grow past what the last full collection kept before collecting again:
 * 30 % (the factor V8 picks itself ranges up to 4 × when collections look cheap).
 *
 * Measured with the bench (`BENCH_ONLY=webhooks`, PostgreSQL): after a webhook burst the server
 * holds about 35 MB of live objects, yet with V8's own factor its heap grew to 130–170 MB of mostly
 * garbage (promoted request and query objects of the backlog) and the process to about 250 MB
 * resident; at 30 % the heap stayed under 80 MB and the process under 150 MB. The price is a few
 * more full collections, which V8 marks concurrently.
 */
const HEAP_GROWING_PERCENT = 30

/** Applies the server's heap growth; read by V8 after each full collection, so it holds from now on. */
export function keepHeapClose(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
