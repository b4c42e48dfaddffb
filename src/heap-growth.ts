import { setFlagsFromString } from 'node:v8'

/**
 * How far V8 lets the heap grow past what the last full collection kept before collecting again:
 * 100 %, twice the live set (the factor V8 picks itself goes up to 4 × when collections look
 * cheap, and under load they do).
 *
 * Measured with the bench's canvas scenario on PostgreSQL (card cache full, then a webhook burst),
 * back to back on one machine: the server holds about 35–45 MB of live objects, yet with V8's own
 * factor it peaked at 297 MB resident, mostly garbage the heap was allowed to keep; at 100 % it
 * peaked at 215 MB, and at 50 % at 191 MB. Garbage collection took about the same time in all (561,
 * 576 and 649 ms during the flat-out card run: more full collections, each over a smaller heap),
 * and 100 % keeps their number (5 against 2) from growing further.
 */
const HEAP_GROWING_PERCENT = 100

/** Applies the server's heap growth; read by V8 after each full collection, so it holds from now on. */
export function keepHeapClose(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
