import type { PGlite } from '@electric-sql/pglite'

/** Type ids of int8 and numeric, which both drivers parse as JS numbers (db/connect.ts). */
export const INT8_OID = 20
export const NUMERIC_OID = 1700

/**
 * Opens PGlite on the calling thread: int8 and numeric come back as JS numbers, as on the pg pool
 * (db/connect.ts), so queries read the same on both databases.
 */
export async function createPGlite(dataDir: string, snapshot?: Blob): Promise<PGlite> {
  // Loaded only when used: PGlite's module costs ~40 MB of RSS that a PostgreSQL deployment never needs.
  const { PGlite } = await import('@electric-sql/pglite')
  const numberParser = (value: string) => Number(value)
  return PGlite.create(dataDir, {
    parsers: { [INT8_OID]: numberParser, [NUMERIC_OID]: numberParser },
    ...(snapshot ? { loadDataDir: snapshot } : {}),
  })
}
