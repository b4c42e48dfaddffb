import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { eventually } from '../support/intercom-install.js'

let running: { fake: FakeIntercom; sut: RunningServer } | null = null
afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

async function start(
  workspaceId: string,
  token: (fake: FakeIntercom) => string,
  logLines: string[] = [],
) {
  const fake = await startFakeIntercom({ workspaceId })
  const sut = await startServer(
    testConfig({
      INTERCOM_API_BASE_URL: fake.url,
      INTERCOM_ACCESS_TOKEN: token(fake),
      INTERCOM_WORKSPACE_ID: workspaceId,
      INTERCOM_REGION: 'eu',
    }),
    { host: '127.0.0.1', logger: createLogger('info', { write: (line) => logLines.push(line) }) },
  )
  running = { fake, sut }
  return { fake, sut }
}

describe('private-app mode', { timeout: 120_000 }, () => {
  it('connects the workspace at start-up and creates its attributes', async () => {
    const { fake, sut } = await start('wsprivate01', (f) => f.accessToken)
    const row = await sut.ctx.db
      .selectFrom('workspaces')
      .select(['status', 'token_source', 'region', 'access_token_ciphertext'])
      .where('id', '=', 'wsprivate01')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'active', token_source: 'private', region: 'EU' })
    expect(row.access_token_ciphertext).not.toContain(fake.accessToken)
    await eventually(
      () => fake.state.dataAttributes.get('referral_converted_count')?.data_type === 'integer',
      'the attributes at the fake',
    )
  })

  it('starts anyway when Intercom refuses the token, and says so in the log', async () => {
    const log: string[] = []
    const { fake, sut } = await start('wsprivate02', () => 'not-a-valid-token', log)
    const health = await fetch(`${sut.url}/healthz`)
    expect(health.status).toBe(200)
    await eventually(
      () => fake.state.requests.some((r) => r.path === '/data_attributes' && r.status === 401),
      'the refused attribute call',
    )
    expect(fake.state.dataAttributes.has('referral_code')).toBe(false)
    await eventually(
      () =>
        log.some((line) => line.includes('private app: could not create the contact attributes')),
      'the log line',
    )
    expect(log.join('')).not.toContain('not-a-valid-token')
  })
})
