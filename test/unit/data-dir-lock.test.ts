import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { DATA_DIR_LOCK, lockDataDir } from '../../db/data-dir-lock.js'
import { DataDirError } from '../../db/data-dir.js'

const root = mkdtempSync(join(tmpdir(), 'referrals-lock-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the DATA_DIR lock', () => {
  it('of several takers at once exactly one holds it, until it lets go', async () => {
    const dir = mkdtempSync(join(root, 'race-'))
    const attempts = await Promise.allSettled([1, 2, 3, 4].map(() => lockDataDir(dir)))
    const held = attempts.filter((a) => a.status === 'fulfilled')
    expect(held).toHaveLength(1)
    for (const refused of attempts.filter((a) => a.status === 'rejected')) {
      expect(refused.reason).toBeInstanceOf(DataDirError)
      expect(String(refused.reason.message)).toMatch(/is in use by another process/)
    }
    await held[0]!.value.release()
    expect(existsSync(join(dir, DATA_DIR_LOCK))).toBe(false)
    const again = await lockDataDir(dir)
    await again.release()
  })

  it('a holder killed without cleaning up leaves a file that is taken over', async () => {
    const dir = mkdtempSync(join(root, 'stale-'))
    const lock = join(dir, DATA_DIR_LOCK)
    // A process listens on the lock's path, then dies by SIGKILL: its socket file stays behind.
    const child = spawn(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(lock)}, () => console.log('up'))`,
    ])
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    await expect(lockDataDir(dir)).rejects.toThrow(/in use/)
    child.kill('SIGKILL')
    await vi.waitFor(() => expect(child.exitCode ?? child.signalCode).toBeTruthy())
    expect(existsSync(lock)).toBe(true)
    const taken = await lockDataDir(dir)
    await taken.release()
  })
})
