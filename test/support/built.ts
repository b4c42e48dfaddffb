import { fileURLToPath } from 'node:url'

/** The repository's root: spawned entry points run from here. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The compiled entry points (built by the global setup, scripts/build.mjs), as `node <file>` runs them. */
export const BUILT = {
  server: 'dist/src/main.js',
  cli: 'dist/src/cli/main.js',
} as const
