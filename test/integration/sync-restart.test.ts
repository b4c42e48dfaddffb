import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../../db/connect.js'
import { startFakeIntercom } from '../fake-intercom/server.js'

const WORKSPACE = 'wssynccrash'
const CHILD = join(import.meta.dirname, '../support/sync-child.ts')
const dataDir = mkdtempSync(join(tmpdir(), 'sync-crash-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Runs the app in a child process; resolves when a stdout line satisfies `until`. */
function child(env: Record<string, string>, until: (line: string) => boolean) {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const reached = new Promise<string>((resolve, reject) => {
    let buffer = ''
    proc.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      const hit = lines.find(until)
      if (hit) resolve(hit)
    })
    proc.on('exit', (code) => reject(new Error(`child exited (${code}) early: ${stderr}`)))
  })
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()))
  return { proc, reached, exited }
}

describe('contact import after a crash', () => {
  it('killed mid-run and restarted, finishes with no duplicate and no missed contact', async () => {
    const fake = await startFakeIntercom({ workspaceId: WORKSPACE, rateLimitPerMinute: 6_000_000 })
    try {
      fake.controls.seedContacts(19_100, { segments: ['Trials'] })
      fake.controls.seedContacts(900, { segments: ['Customers'] })
      const segment = [...fake.state.segments.values()].find((s) => s.name === 'Customers')
      const members = new Set(
        [...fake.state.memberships].filter(([, s]) => s.has(segment?.id ?? '')).map(([id]) => id),
      )
      const env = {
        INTERCOM_API_BASE_URL: fake.url,
        INTERCOM_ACCESS_TOKEN: fake.accessToken,
        INTERCOM_WORKSPACE_ID: WORKSPACE,
        SYNC_SEGMENT: segment?.id ?? '',
      }

      // First life: killed (no shutdown at all) once some pages are committed, mid-way.
      const first = child({ ...env, SYNC_START: '1' }, (line) => {
        const done = /^PROGRESS (\d+)/.exec(line)?.[1]
        return done !== undefined && Number(done) >= 300
      })
      await first.reached
      first.proc.kill('SIGKILL')
      await first.exited

      // Second life: picks the run up from its committed cursor.
      const second = child({ ...env, SYNC_RESUME: '1' }, (line) =>
        / (succeeded|failed)$/.test(line),
      )
      expect(await second.reached).toMatch(/succeeded$/)
      await second.exited

      const handle = await connectDatabase({ kind: 'pglite', dataDir })
      try {
        const rows = await handle.db
          .selectFrom('referrers')
          .innerJoin('participants', 'participants.id', 'referrers.participant_id')
          .select(['participants.contact_id', 'referrers.source'])
          .where('referrers.workspace_id', '=', WORKSPACE)
          .execute()
        expect(rows).toHaveLength(900)
        expect(new Set(rows.map((row) => row.contact_id))).toEqual(members)
        const participants = await handle.db
          .selectFrom('participants')
          .select('id')
          .where('workspace_id', '=', WORKSPACE)
          .execute()
        expect(participants).toHaveLength(900)
        const runs = await handle.db.selectFrom('sync_runs').selectAll().execute()
        expect(runs).toHaveLength(1)
        expect(runs[0]).toMatchObject({ status: 'succeeded', imported: 900, total: 900 })
        // Contacts written back mid-scan move behind the cursor and are read (not created) again.
        expect(runs[0]?.done).toBeGreaterThanOrEqual(900)
      } finally {
        await handle.close()
      }
    } finally {
      await fake.close()
    }
  }, 600_000)
})
