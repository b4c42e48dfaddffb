import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { BUILT, ROOT } from '../support/built.js'
import { freePort } from '../support/ports.js'

const KEY = Buffer.alloc(32, 7).toString('base64')

describe('shutdown is bounded', () => {
  it('exits within 15 s of SIGTERM although a client holds half-sent headers', async () => {
    const port = await freePort()
    const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env
    const child = spawn(process.execPath, [BUILT.server], {
      cwd: ROOT,
      env: {
        ...inherited,
        NODE_ENV: 'test',
        ENCRYPTION_KEY: KEY,
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATA_DIR: 'memory://',
      },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    try {
      await vi.waitFor(
        async () => expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200),
        { timeout: 60_000, interval: 250 },
      )
      // A request whose headers never finish.
      const socket = connect(port, '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ')
      socket.on('error', () => {})
      const signalled = Date.now()
      child.kill('SIGTERM')
      const code = await exited
      expect(Date.now() - signalled).toBeLessThan(15_000)
      expect(code).not.toBeNull()
      socket.destroy()
    } finally {
      child.kill('SIGKILL')
    }
  }, 90_000)
})
