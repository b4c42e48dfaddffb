import { describe, expect, it, test } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('runs with no variables at all: PGlite in ./data on port 3000', () => {
    const sut = loadConfig({})
    expect(sut.port).toBe(3000)
    expect(sut.publicUrl).toBe('http://localhost:3000')
    expect(sut.database).toEqual({ kind: 'pglite', dataDir: './data' })
    expect(sut.encryptionKeyGenerated).toBe(true)
    expect(sut.intercom.privateApp).toBeUndefined()
  })

  it('backfills a newly connected workspace unless INTERCOM_BACKFILL=off', () => {
    expect(loadConfig({}).intercom.backfill).toBe(true)
    expect(loadConfig({ INTERCOM_BACKFILL: 'on' }).intercom.backfill).toBe(true)
    expect(loadConfig({ INTERCOM_BACKFILL: ' OFF ' }).intercom.backfill).toBe(false)
  })

  it('switches to PostgreSQL with DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).database.kind).toBe(
      'postgres',
    )
  })

  test.each([
    [{ DATABASE_URL: 'not-a-url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ ENCRYPTION_KEY: 'short' }, 'ENCRYPTION_KEY'],
    [{ NODE_ENV: 'production' }, 'ENCRYPTION_KEY'],
    [{ INTERCOM_REGION: 'MARS' }, 'INTERCOM_REGION'],
    [{ INTERCOM_ACCESS_TOKEN: 'tok' }, 'INTERCOM_WORKSPACE_ID'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ INTERCOM_BACKFILL: 'maybe' }, 'INTERCOM_BACKFILL'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `))
  })

  it('reads private-app mode with a default US region', () => {
    const sut = loadConfig({ INTERCOM_ACCESS_TOKEN: 'tok', INTERCOM_WORKSPACE_ID: 'abc123' })
    expect(sut.intercom.privateApp).toEqual({
      accessToken: 'tok',
      workspaceId: 'abc123',
      region: 'US',
    })
  })

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://ref.example.com/' }).publicUrl).toBe(
      'https://ref.example.com',
    )
  })
})
