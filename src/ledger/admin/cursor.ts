// Keyset cursors: the position (created_at as Postgres text, id) of the last row of a page. The
// timestamp travels as text because a JS Date would drop Postgres's microseconds and skip rows.

export interface Position {
  readonly at: string
  readonly id: string
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), 'utf8').toString('base64url')
}

/** A cursor from outside: a malformed one reads as "from the start" is wrong, so it is null → 400 upstream. */
export function decodeCursor(cursor: string): Position | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^\d{4}-\d{2}-\d{2}[ T][\d:.+-]+$/.test(value[0]) &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return { at: value[0], id: value[1] }
    }
  } catch {
    // fall through
  }
  return null
}

export interface Page<T> {
  readonly items: T[]
  readonly nextCursor: string | null
}

/** Trims the one extra row a page query fetches, and makes the cursor from the last row kept. */
export function toPage<R extends { cursor_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const kept = rows.slice(0, limit)
  const last = kept[kept.length - 1]
  return {
    items: kept.map(map),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  }
}
