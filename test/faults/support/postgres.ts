import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { freePort } from '../../support/ports.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

const SERVICE_USER = 'referrals-ci'

/** The newest PostgreSQL server binaries on this machine (Debian layout), or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b))
  const newest = versions.at(-1)
  return newest ? join(root, newest, 'bin') : null
}

export interface PrivatePostgres {
  readonly url: string
  readonly port: number
  stop(mode?: 'fast' | 'immediate'): void
  start(): void
  /** Stops the server for good and removes its files. */
  destroy(): void
  createDatabase(name: string): Promise<string>
}

/**
 * A PostgreSQL server of the calling test's own, started from the machine's packages as a
 * non-root user (PostgreSQL refuses to run as root), so a test may stop and restart it at will.
 * Same recipe as .ci/run.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin()
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'referrals-faults-pg-'))
  chmodSync(dir, 0o777)
  const asRoot = process.getuid?.() === 0
  if (asRoot && spawnSync('id', [SERVICE_USER]).status !== 0) {
    execFileSync('useradd', [
      '--system',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SERVICE_USER,
    ])
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', SERVICE_USER, '--', cmd, ...args]]
      : [cmd, args]
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const port = await freePort()
  const data = join(dir, 'data')
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'])
  const start = () =>
    run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
    ])
  const stop = (mode: 'fast' | 'immediate' = 'fast') =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'])
  start()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    port,
    start,
    stop,
    destroy() {
      try {
        stop('immediate')
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
    async createDatabase(name: string) {
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        await admin.query(`create database ${name}`)
      } finally {
        await admin.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
  }
}
