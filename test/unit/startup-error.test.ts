import { describe, expect, it, test } from 'vitest'
import { DataDirError } from '../../db/data-dir.js'
import { loadConfig } from '../../src/config.js'
import { describeStartupError, messageOf } from '../../src/startup-error.js'

const postgres = loadConfig({ DATABASE_URL: 'postgres://app:pw@db.internal:6543/referrals' })
const pglite = loadConfig({ DATA_DIR: '/srv/referrals', PORT: '8080' })
const pgError = (code: string, message = 'refused') => Object.assign(new Error(message), { code })

describe('describeStartupError', () => {
  test.each([
    [pgError('28P01'), 'DATABASE_URL: password authentication failed for user "app"'],
    [pgError('3D000'), 'DATABASE_URL: database "referrals" does not exist on db.internal:6543'],
    [pgError('ENOTFOUND'), 'DATABASE_URL: cannot reach PostgreSQL: host "db.internal" not found'],
    [
      new AggregateError([pgError('ECONNREFUSED')]),
      'DATABASE_URL: cannot reach PostgreSQL at db.internal:6543 (connection refused)',
    ],
    [
      new Error('timeout exceeded when trying to connect'),
      'DATABASE_URL: cannot reach PostgreSQL at db.internal:6543 (no answer within 5 s)',
    ],
    [
      pgError('42P07', 'relation "x" already exists'),
      'DATABASE_URL: PostgreSQL at db.internal:6543 refused: relation "x" already exists (SQLSTATE 42P07)',
    ],
  ])('on PostgreSQL, %s reads as %j', (error, line) => {
    expect(describeStartupError(error, postgres)).toBe(line)
    expect(describeStartupError(error, postgres)).not.toContain('pw')
  })

  it('names DATA_DIR and PORT', () => {
    expect(
      describeStartupError(new DataDirError('/srv/x', 'is a file, not a directory'), pglite),
    ).toBe('DATA_DIR: /srv/x is a file, not a directory')
    const inUse = Object.assign(new Error('listen EADDRINUSE'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
    })
    expect(describeStartupError(inUse, pglite)).toBe(
      'PORT: 8080 is already in use by another process',
    )
  })

  it('makes one readable line of anything thrown, never [object Object]', () => {
    expect(messageOf({ name: 'ExitStatus', status: 1 })).toBe('{"name":"ExitStatus","status":1}')
    expect(messageOf({ message: 'wasm\n  aborted' })).toBe('wasm aborted')
    expect(messageOf(undefined)).toBe('undefined')
    expect(messageOf(new Error(''))).toBe('unknown error')
    expect(messageOf(new Error('x'.repeat(400)))).toHaveLength(301)
  })
})
