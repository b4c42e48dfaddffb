import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { connectDatabase } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { ensurePGliteTemplate } from './pglite-template.js'

export const TEMPLATE_DATABASE = 'referrals_test_template'

/**
 * Builds dist/ once (skipped when it matches the sources): tests that start the app or the CLI as
 * a process run the compiled JavaScript, as production does, not tsx (~1 s and ~100 MB less each).
 * Migrates once into a template every test file's database starts from: a template database on
 * PostgreSQL, a dumped cluster on PGlite. The pure unit project does without it.
 */
export default async function setup(): Promise<void> {
  // Each project that needs it lists this setup; in one run it does its work once.
  if (process.env.REFERRALS_TEST_SETUP_DONE) return
  process.env.REFERRALS_TEST_SETUP_DONE = '1'
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-changed'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = process.env.TEST_DATABASE_URL
  if (!url) return ensurePGliteTemplate()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`)
    await admin.query(`create database ${TEMPLATE_DATABASE}`)
  } finally {
    await admin.end()
  }
  const target = new URL(url)
  target.pathname = `/${TEMPLATE_DATABASE}`
  const handle = await connectDatabase({ kind: 'postgres', url: target.toString() })
  try {
    await migrateToLatest(handle.db)
  } finally {
    await handle.close()
  }
}
