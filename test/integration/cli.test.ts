import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { referrerWithFriends } from '../support/admin.js'
import { cli, ROOT, withDatabase } from '../support/cli.js'

// Each command is a fresh process (the compiled CLI, then PGlite opening its files): allow it time
// on a busy machine.
describe('npm run cli', { timeout: 180_000 }, () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'referrals-cli-'))
    // Migrated once here, so each spawned command only opens the database.
    await withDatabase(dataDir, async () => {})
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('adds and lists workspaces, with --json for scripts', async () => {
    const added = await cli(dataDir, ['workspace', 'add', 'ws_cli', '--name', 'Acme'])
    expect(added.stderr).not.toMatch(/error/)
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('added workspace ws_cli')
    const listed = await cli(dataDir, ['workspace', 'list', '--json'])
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      { id: 'ws_cli', name: 'Acme', region: 'US', status: 'local' },
    ])
  })

  it('sets campaign settings by path, refusing invalid ones with each field named', async () => {
    const bad = await cli(dataDir, [
      'campaign',
      'set',
      'ws_cli',
      'destinationUrl=nope',
      'import.intervalMinutes=1',
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('destinationUrl: Enter a full web address starting with https://')
    expect(bad.stderr).toContain('import.intervalMinutes')
    const good = await cli(dataDir, [
      'campaign',
      'set',
      'ws_cli',
      'qualification.values=["pro","team"]',
      'qualification.attribute=custom_attributes.plan',
      'rewards.manualApproval=true',
    ])
    expect(good.code).toBe(0)
    const shown = await cli(dataDir, ['campaign', 'show', 'ws_cli', '--json'])
    const campaign = JSON.parse(shown.stdout)
    expect(campaign.settings.qualification).toEqual({
      attribute: 'custom_attributes.plan',
      values: ['pro', 'team'],
      initialValue: null,
    })
    expect(campaign.settings.rewards.manualApproval).toBe(true)
    const listed = await cli(dataDir, ['campaign', 'list', 'ws_cli'])
    expect(listed.stdout).toContain('custom_attributes.plan = pro, team')
  })

  it('exports referrals as CSV to a file and to stdout', async () => {
    await withDatabase(dataDir, (db) => referrerWithFriends(db, 'ws_cli', 3, 'Cli Person'))
    const out = join(dataDir, 'referrals.csv')
    const toFile = await cli(dataDir, ['export', 'ws_cli', 'referrals', '--out', out])
    expect(toFile.code).toBe(0)
    expect(toFile.stdout).toContain('wrote 3 referrals')
    const lines = (await readFile(out, 'utf8')).trim().split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^id,campaign_id,status/)
    const toStdout = await cli(dataDir, ['export', 'ws_cli', 'referrers'])
    expect(toStdout.code).toBe(0)
    expect(toStdout.stdout).toContain('Cli Person')
  })

  it('answers usage errors with exit code 2 and failures with 1', async () => {
    const unknown = await cli(dataDir, ['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
    const option = await cli(dataDir, ['workspace', 'list', '--colour'])
    expect(option.code).toBe(2)
    expect(option.stderr).toContain('unknown option --colour')
    const missing = await cli(dataDir, ['campaign', 'show', 'ws_nope', '--json'])
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stderr).error.message).toContain('no workspace ws_nope')
    const retry = await cli(dataDir, ['dead-letter', 'retry', 'ws_cli', '999'])
    expect(retry.code).toBe(1)
    expect(retry.stderr).toContain('no dead letter 999')
    const help = await cli(dataDir, ['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('campaign set <workspace>')
  })

  it('says clearly when the embedded database is in use by another process', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { PGlite } from '@electric-sql/pglite'
         const db = await PGlite.create(${JSON.stringify(dataDir)})
         await db.query('select 1')
         process.stdout.write('ready\\n')
         setInterval(() => {}, 1000)`,
      ],
      { cwd: ROOT },
    )
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve())
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)))
      })
      const run = await cli(dataDir, ['workspace', 'list'])
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`is in use by process ${holder.pid}`)
    } finally {
      holder.kill()
    }
  })
})
