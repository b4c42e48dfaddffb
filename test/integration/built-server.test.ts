import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { BUILT, ROOT } from '../support/built.js'
import { freePort } from '../support/ports.js'

const dataDir = mkdtempSync(join(tmpdir(), 'referrals-built-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

// `npm start` and the Dockerfile run the transpiled build (made by the global setup), not tsx: it
// must start, find the files it reads at run time (the playground, the disposable-domain list, the
// snippet bundled by the build) and answer Intercom.
describe('the transpiled server (npm start)', () => {
  it('starts on PGlite, answers a signed card, serves its files, refuses a malformed URL, and stops on SIGTERM', async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...inherited } = process.env
    const env = {
      ...inherited,
      NODE_ENV: 'development',
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      INTERCOM_CLIENT_ID: 'built-test',
      INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
      LOG_LEVEL: 'warn',
      // As testConfig: a loaded machine must not shed this test's first card as "busy".
      PGLITE_REQUEST_WAIT_MS: '5000',
    }
    // Cards are served only for installed workspaces: the operator's CLI records this one first.
    const added = spawnSync(process.execPath, [BUILT.cli, 'workspace', 'add', 'wsbuilt01'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    })
    expect(added.status, added.stderr).toBe(0)
    const child = spawn(process.execPath, [BUILT.server], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      const deadline = Date.now() + 60_000
      for (;;) {
        const health = await fetch(`${url}/healthz`).catch(() => null)
        if (health?.ok) break
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`the built server did not start: ${stderr}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      const raw = JSON.stringify({
        workspace_id: 'wsbuilt01',
        canvas: { content_url: `${url}/canvas/messenger/live`, stored_data: {} },
        context: { location: 'home', locale: 'en' },
        contact: { type: 'contact', id: 'built_1', role: 'user', email: 'jo@example.com' },
      })
      const signature = createHmac('sha256', TEST_CLIENT_SECRET).update(raw).digest('hex')
      for (let view = 0; view < 2; view++) {
        // the first view enrols the contact, the second takes the one-statement path
        const card = await fetch(`${url}/canvas/messenger/live`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-body-signature': signature },
          body: raw,
        })
        expect(card.status).toBe(200)
        expect(JSON.stringify(await card.json())).toContain(`${url}/r/`)
      }
      // Intercom credentials are set: the playground is off unless PLAYGROUND=on.
      expect((await fetch(`${url}/playground`)).status).toBe(404)
      // a referral link damaged in copying: 400 and a page, not a stack
      const damaged = await fetch(`${url}/r/%FF%FE`)
      expect(damaged.status).toBe(400)
      expect(await damaged.text()).toContain('This referral link is damaged')
      const snippet = await fetch(`${url}/snippet.js`)
      expect(snippet.status).toBe(200)
      // the file the build bundled, so production needs no esbuild
      const built = readFileSync(join(ROOT, 'dist/src/snippet/referral-snippet.min.js'), 'utf8')
      expect(built.length).toBeGreaterThan(1000)
      expect(await snippet.text()).toBe(built)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  }, 120_000)
})
