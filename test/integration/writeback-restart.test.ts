import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js'
import { migrateToLatest } from '../../db/migrate.js'
import { ATTRIBUTE_KEYS, ATTRIBUTE_TYPES } from '../../src/ledger/campaign-settings.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { startFakeIntercom } from '../fake-intercom/server.js'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { eventually } from '../support/intercom-install.js'
import { SYSTEM } from '../support/ledger.js'
import { BUILT, ROOT } from '../support/built.js'
import { freePort } from '../support/ports.js'

const WORKSPACE = 'wsrestart01'
const PUBLIC_URL = 'https://referrals.example.test'
const REFERRERS = 15
const FRIENDS_EACH = 2

const dataDir = mkdtempSync(join(tmpdir(), 'referrals-restart-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** The real entry point (compiled, as production runs it) in a child process, on the shared PGlite directory. */
function startApp(env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = []
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env
  // node itself, not a wrapper: signals must reach the app, not a relay.
  const child = spawn(process.execPath, [BUILT.server], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  return { child, output }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function withDatabase<T>(run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await connectDatabase({ kind: 'pglite', dataDir })
  try {
    await migrateToLatest(handle.db)
    return await run(handle)
  } finally {
    await handle.close()
  }
}

describe('contact write-back across a crash', () => {
  it("delivers every contact's final attributes after a SIGKILL mid-write-back and a restart", async () => {
    // A small budget (20 calls per 10 s) keeps the write-back running long enough to be cut off.
    const fake = await startFakeIntercom({ workspaceId: WORKSPACE, rateLimitPerMinute: 120 })
    for (const key of ATTRIBUTE_KEYS) fake.controls.defineAttribute(key, ATTRIBUTE_TYPES[key])

    const expected = new Map<string, Record<string, unknown>>()
    await withDatabase(async ({ db }) => {
      await ensureWorkspace(db, { id: WORKSPACE, name: 'Restart test' })
      for (let i = 0; i < REFERRERS; i++) {
        const email = `referrer${i}@acme.test`
        const contact = fake.controls.addContact({ role: 'user', email, name: `Referrer ${i}` })
        const { referrer } = await ensureReferrer(db, {
          workspaceId: WORKSPACE,
          person: { contactId: contact.id, email, name: `Referrer ${i}` },
          source: 'api',
          actor: SYSTEM,
        })
        for (let f = 0; f < FRIENDS_EACH; f++) {
          const friendEmail = `friend${i}-${f}@other.test`
          const friend = fake.controls.addContact({ role: 'lead', email: friendEmail })
          await attributeReferral(db, {
            workspaceId: WORKSPACE,
            referrer: { code: referrer.code },
            friend: { contactId: friend.id, email: friendEmail },
            source: 'api',
            actor: SYSTEM,
          })
          expected.set(friend.id, { referred_by_code: referrer.code, referral_status: 'pending' })
        }
        expected.set(contact.id, {
          referral_code: referrer.code,
          referral_link: `${PUBLIC_URL}/r/${referrer.code}`,
          referral_count: FRIENDS_EACH,
          referral_converted_count: 0,
        })
      }
    })

    const env = {
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      PUBLIC_URL,
      DATA_DIR: dataDir,
      INTERCOM_CLIENT_ID: 'test-client-id',
      INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
      INTERCOM_ACCESS_TOKEN: fake.accessToken,
      INTERCOM_WORKSPACE_ID: WORKSPACE,
      INTERCOM_API_BASE_URL: fake.url,
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      LOG_LEVEL: 'warn',
    }
    const first = startApp(env)
    try {
      await eventually(() => fake.state.puts.length >= 5, 'the first writes', 90_000)
      expect(fake.state.puts.length).toBeLessThan(expected.size)
    } catch (error) {
      first.child.kill('SIGKILL')
      throw new Error(`${String(error)}\n${first.output.join('')}`)
    }
    first.child.kill('SIGKILL')
    await exited(first.child)
    const beforeRestart = fake.state.puts.length

    fake.controls.setRateLimit(10_000)
    const second = startApp(env)
    try {
      for (const [contactId, values] of expected) {
        await eventually(
          () => {
            const attributes = fake.state.contacts.get(contactId)?.custom_attributes ?? {}
            return Object.entries(values).every(([k, v]) => attributes[k] === v)
          },
          `the attributes of ${contactId}`,
          90_000,
        )
      }
      expect(fake.state.puts.length).toBeGreaterThan(beforeRestart)
    } catch (error) {
      throw new Error(`${String(error)}\n${second.output.join('')}`)
    } finally {
      second.child.kill('SIGTERM')
      await exited(second.child)
      await fake.close()
    }

    // Whatever is still pending after the graceful stop has a queued job: nothing is orphaned.
    const orphans = await withDatabase(async ({ db, executeSql }) => {
      const pending = await db
        .selectFrom('pending_contact_writes')
        .select('participant_id')
        .where('workspace_id', '=', WORKSPACE)
        .execute()
      const { rows } = await executeSql(
        `select singleton_key from pgboss.job where name = 'contact-writeback' and state in ('created', 'retry', 'active')`,
      )
      const live = new Set((rows as { singleton_key: string }[]).map((row) => row.singleton_key))
      return pending.filter((row) => !live.has(`${WORKSPACE}:${row.participant_id}`))
    })
    expect(orphans).toEqual([])
  }, 400_000)
})
