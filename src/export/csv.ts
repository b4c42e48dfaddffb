import { once } from 'node:events'
import type { Writable } from 'node:stream'

export type CsvValue = string | number | boolean | Date | null | undefined

// A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection): prefix it.
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let text = value instanceof Date ? value.toISOString() : String(value)
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n'
}

/** Writes one chunk, and waits for 'drain' when the destination's buffer is full (backpressure). */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('the destination closed')
  if (!out.write(chunk)) {
    // Whichever of the two waits loses is removed, or a long export piles up a listener per page.
    const settled = new AbortController()
    try {
      await Promise.race([
        once(out, 'drain', { signal: settled.signal }),
        once(out, 'close', { signal: settled.signal }).then(() => {
          throw new Error('the destination closed')
        }),
      ])
    } finally {
      settled.abort()
    }
  }
}

/** Streams pages of rows as CSV: header first, then each page as it arrives; returns the row count. */
export async function writeCsv<T>(
  out: Writable,
  header: readonly string[],
  pages: AsyncIterable<T[]>,
  toValues: (row: T) => readonly CsvValue[],
): Promise<number> {
  await writeChunk(out, csvLine(header))
  let count = 0
  for await (const page of pages) {
    let chunk = ''
    for (const row of page) chunk += csvLine(toValues(row))
    count += page.length
    await writeChunk(out, chunk)
  }
  return count
}
