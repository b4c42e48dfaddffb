import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Projects: pure units, the database suite (PGlite, or PostgreSQL with TEST_DATABASE_URL),
// in-process HTTP and integration tests, and browser tests in Debian's Chromium.
export default defineConfig({
  test: {
    // `npm run test:unit` (PURE_TESTS=1) needs neither dist/ nor a migrated database.
    globalSetup: process.env.PURE_TESTS ? [] : ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file per core, not vitest's default of one fewer: on CI's 2 cores that default is a
    // single worker, and many files wait on child processes, timers and sockets (unit project:
    // 2m44s → 1m34s measured). The fault project stays one file at a time; browser files share the
    // pool (one at a time, they ran last and alone: 80 s with a core idle).
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/canvas/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'db', include: ['test/db/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'http',
          include: ['test/http/**/*.test.ts', 'test/integration/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          // Only under `npm run test:faults` (FAULTS=1): these start PostgreSQL servers and kill processes.
          include: process.env.FAULTS ? ['test/faults/**/*.test.ts'] : [],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
