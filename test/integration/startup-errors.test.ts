import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { BUILT, ROOT } from '../support/built.js'
import { freePort } from '../support/ports.js'

const root = mkdtempSync(join(tmpdir(), 'referrals-startup-'))
chmodSync(root, 0o755)
afterAll(() => rmSync(root, { recursive: true, force: true }))

const KEY = Buffer.alloc(32, 7).toString('base64')
// As root, "not writable" needs another user: the unprivileged `nobody` runs the app there.
const NOBODY = 65534
const asRoot = process.getuid?.() === 0
// …which needs to reach the checkout: not so in a private directory (mktemp -d makes one 0700).
const nobodyReachesCheckout =
  !asRoot ||
  spawnSync(
    process.execPath,
    ['-e', `require('node:fs').accessSync(${JSON.stringify(BUILT.server)})`],
    { uid: NOBODY, gid: NOBODY, stdio: 'ignore' },
  ).status === 0
if (!nobodyReachesCheckout)
  process.stderr.write(
    `startup-errors: the unwritable DATA_DIR case is skipped: as root it runs the app as nobody, who cannot read ${ROOT}\n`,
  )

interface Exit {
  readonly code: number | null
  readonly stderr: string
}

/** Starts the compiled entry point (as `npm start` and the image do) and waits for it to exit. */
function start(env: Record<string, string>, options: { uid?: number } = {}): Promise<Exit> {
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT.server], {
      cwd: ROOT,
      env: { ...inherited, NODE_ENV: 'test', ENCRYPTION_KEY: KEY, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // A server that started by mistake would never exit: stop it, and the assertions then fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  })
}

/** Exit code 1 and exactly one line on stderr: no stack, no `[object Object]`. */
function expectOneLine(exit: Exit, pattern: RegExp): void {
  expect(exit.code).toBe(1)
  const lines = exit.stderr.split('\n').filter(Boolean)
  expect(lines, exit.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(lines[0]).not.toContain('[object Object]')
  expect(lines[0]).not.toMatch(/\n\s+at /)
}

describe('start-up problems end the process with one line naming the cause', () => {
  it('DATA_DIR: a directory holding other files', async () => {
    const dir = join(root, 'with-a-log')
    mkdirSync(dir)
    writeFileSync(join(dir, 'app.log'), 'an operator put this here\n')
    const exit = await start({ DATA_DIR: dir, PORT: '0' })
    expectOneLine(
      exit,
      new RegExp(
        `^start-up failed: DATA_DIR: ${dir} holds other files \\(app\\.log\\) and no database: point it at an empty or new directory$`,
      ),
    )
  })

  it('DATA_DIR: a file, not a directory; or a path below a file', async () => {
    const file = join(root, 'a-file')
    writeFileSync(file, 'x')
    expectOneLine(
      await start({ DATA_DIR: file, PORT: '0' }),
      new RegExp(`^start-up failed: DATA_DIR: ${file} is a file, not a directory$`),
    )
    expectOneLine(
      await start({ DATA_DIR: join(file, 'data'), PORT: '0' }),
      /^start-up failed: DATA_DIR: .*a-file\/data cannot be created: a part of the path is a file, not a directory \(ENOTDIR\)$/,
    )
  })

  it.skipIf(!nobodyReachesCheckout)(
    'DATA_DIR: a directory this process may not write',
    async () => {
      const dir = join(root, 'read-only')
      mkdirSync(dir)
      chmodSync(dir, 0o555)
      const exit = await start({ DATA_DIR: dir, PORT: '0' }, asRoot ? { uid: NOBODY } : {})
      expectOneLine(
        exit,
        new RegExp(
          `^start-up failed: DATA_DIR: ${dir} is not writable by this process: permission denied \\(EACCES\\)$`,
        ),
      )
    },
  )

  it('DATABASE_URL: no PostgreSQL listening there', async () => {
    const port = await freePort()
    const exit = await start({
      DATABASE_URL: `postgres://referrals:secret-pw@127.0.0.1:${port}/referrals`,
      PORT: '0',
    })
    expectOneLine(
      exit,
      new RegExp(
        `^start-up failed: DATABASE_URL: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(connection refused\\)$`,
      ),
    )
    expect(exit.stderr).not.toContain('secret-pw')
  })

  it('ENCRYPTION_KEY and other malformed variables: a configuration error', async () => {
    expectOneLine(
      await start({ ENCRYPTION_KEY: 'too-short', PORT: '0' }),
      /^configuration error: ENCRYPTION_KEY: must be 32 bytes, base64-encoded \(got "too-short"\)$/,
    )
    expectOneLine(
      await start({ DATABASE_URL: 'mysql://db/referrals' }),
      /^configuration error: DATABASE_URL: must be a postgres:\/\/ URL/,
    )
  })

  it('PORT: already in use by another process', async () => {
    const taken: Server = createServer()
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '0.0.0.0', () => resolve((taken.address() as { port: number }).port)),
    )
    try {
      const dataDir = join(root, 'port-test')
      const exit = await start({ DATA_DIR: dataDir, PORT: String(port) })
      expectOneLine(
        exit,
        new RegExp(`^start-up failed: PORT: ${port} is already in use by another process$`),
      )
      // Said before the database was opened: nothing was created.
      expect(existsSync(dataDir)).toBe(false)
    } finally {
      taken.close()
    }
  })

  it('DATA_DIR: two processes started together on one directory: the second exits, the first serves', async () => {
    const dir = join(root, 'shared')
    const [portA, portB] = [await freePort(), await freePort()]
    const first = spawnServer({ DATA_DIR: dir, PORT: String(portA) })
    const second = spawnServer({ DATA_DIR: dir, PORT: String(portB) })
    try {
      const exited = await Promise.race([
        first.exit.then((exit) => ({ exit, survivorPort: portB })),
        second.exit.then((exit) => ({ exit, survivorPort: portA })),
      ])
      expectOneLine(
        exited.exit,
        /^start-up failed: DATA_DIR: .*shared is in use by (another process|process \d+)/,
      )
      await vi.waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${exited.survivorPort}/readyz`)
          expect(res.status).toBe(200)
        },
        { timeout: 60_000, interval: 250 },
      )
    } finally {
      first.child.kill('SIGKILL')
      second.child.kill('SIGKILL')
    }
  })
})

/** Starts the compiled entry point and leaves it running; `exit` settles when it ends. */
function spawnServer(env: Record<string, string>) {
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env
  const child = spawn(process.execPath, [BUILT.server], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'test', ENCRYPTION_KEY: KEY, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = new Promise<Exit>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  )
  return { child, exit }
}
