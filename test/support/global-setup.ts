import pg from 'pg'
import { connectDatabase } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'

export const TEMPLATE_DATABASE = 'referrals_test_template'

/** On PostgreSQL, migrate once into a template database that every test file copies. */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return
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
