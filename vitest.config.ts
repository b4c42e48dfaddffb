import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Builds dist/ and the migrated database template: every project but the pure units needs them.
const GLOBAL_SETUP = ['test/support/global-setup.ts']

// Projects: pure units, the database suite (PGlite, or PostgreSQL with TEST_DATABASE_URL),
// in-process HTTP and integration tests, and browser tests in Debian's Chromium.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file per core, not vitest's default of one fewer: on CI's 2 cores that default is a
    // single worker, and many files wait on child processes, timers and sockets (unit project:
    // 2m44s → 1m34s measured). The fault project stays one file at a time; browser files share the
    // pool (one at a time, they ran last and alone: 80 s with a core idle).
    maxWorkers: availableParallelism(),
    // The database, HTTP and browser projects reuse one worker's loaded modules from file to file
    // (isolate: false): importing the app anew for every file was a fifth of their time (import
    // 380 s → 54 s, CPU 764 s → 536 s measured). It is safe because nothing in src/ keeps state at
    // module level (test/unit/module-state.test.ts) and every file closes what it starts.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/canvas/**/*.test.ts'],
          // Pure functions and repository checks (no app, database, browser or dist/): no global
          // setup, and one module graph per worker thread instead of a fresh process per file,
          // which was most of this project's time (CPU 26 s → 12 s measured).
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'db', include: ['test/db/**/*.test.ts'], globalSetup: GLOBAL_SETUP, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'http',
          globalSetup: GLOBAL_SETUP,
          isolate: false,
          include: ['test/http/**/*.test.ts', 'test/integration/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          globalSetup: GLOBAL_SETUP,
          isolate: false,
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          globalSetup: GLOBAL_SETUP,
          // Only under `npm run test:faults` (FAULTS=1): these start PostgreSQL servers and kill processes.
          // Each file has its own server, port and processes, and most of their time is waiting
          // (a lease to lapse, a server to restart): two files at a time, like the other projects.
          include: process.env.FAULTS ? ['test/faults/**/*.test.ts'] : [],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
