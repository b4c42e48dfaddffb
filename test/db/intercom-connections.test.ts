import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import {
  dropWorkspaceConnection,
  getIntercomApi,
  storeWorkspaceConnection,
} from '../../src/intercom/connections.js'
import { createLogger } from '../../src/logger.js'
import { testConfig } from '../support/app.js'
import { freshDatabase, newWorkspaceId } from '../support/db.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'

const database = await freshDatabase()
let fake: FakeIntercom
let ctx: AppContext

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: 'ws_conn' })
  const config = testConfig({ INTERCOM_API_BASE_URL: fake.url })
  ctx = { config, database, db: database.db, logger: createLogger('silent'), jobs: null }
})
afterAll(() => fake.close())

describe('workspace connections', () => {
  describe('storeWorkspaceConnection', () => {
    it('stores the token encrypted, never in clear, and marks the workspace active', async () => {
      const workspaceId = newWorkspaceId()
      const workspace = await storeWorkspaceConnection(ctx, {
        workspaceId,
        name: 'Acme',
        region: 'EU',
        accessToken: fake.accessToken,
        source: 'oauth',
      })
      expect(workspace).toMatchObject({
        id: workspaceId,
        name: 'Acme',
        region: 'EU',
        status: 'active',
      })
      const row = await ctx.db
        .selectFrom('workspaces')
        .selectAll()
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      expect(JSON.stringify(row)).not.toContain(fake.accessToken)
      expect(row.access_token_ciphertext).toMatch(/^v1:/)
      expect(row).toMatchObject({ token_source: 'oauth', status_reason: null })
      expect(row.installed_at).toBeInstanceOf(Date)
      const campaigns = await ctx.db
        .selectFrom('campaigns')
        .select('is_default')
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(campaigns).toEqual([{ is_default: true }])
    })

    it('accepts (db, config, input) too, and a re-install replaces the token', async () => {
      const workspaceId = newWorkspaceId()
      const input = { workspaceId, name: null, region: 'US', source: 'private' } as const
      await storeWorkspaceConnection(ctx.db, ctx.config, { ...input, accessToken: 'old-token' })
      await dropWorkspaceConnection(ctx.db, workspaceId, 'uninstalled', 'Uninstalled from Intercom')
      await storeWorkspaceConnection(ctx.db, ctx.config, {
        ...input,
        accessToken: fake.accessToken,
      })
      const api = await getIntercomApi(ctx, workspaceId)
      await expect(api?.me()).resolves.toMatchObject({ workspaceId: 'ws_conn' })
    })
  })

  describe('getIntercomApi', () => {
    it('calls the fake with the stored token', async () => {
      const workspaceId = newWorkspaceId()
      await storeWorkspaceConnection(ctx, {
        workspaceId,
        name: null,
        region: 'US',
        accessToken: fake.accessToken,
        source: 'private',
      })
      const api = await getIntercomApi(ctx, workspaceId)
      await api?.listSegments()
      expect(fake.state.requests.at(-1)).toMatchObject({
        path: '/segments',
        token: fake.accessToken,
      })
      expect(
        (
          await ctx.db
            .selectFrom('intercom_rate_limits')
            .select('used')
            .where('workspace_id', '=', workspaceId)
            .executeTakeFirst()
        )?.used,
      ).toBeGreaterThan(0)
    })

    it('answers null for an unknown, uninstalled or undecryptable workspace', async () => {
      expect(await getIntercomApi(ctx, newWorkspaceId())).toBeNull()
      const workspaceId = newWorkspaceId()
      await storeWorkspaceConnection(ctx, {
        workspaceId,
        name: null,
        region: 'US',
        accessToken: fake.accessToken,
        source: 'oauth',
      })
      await dropWorkspaceConnection(ctx, workspaceId, 'disconnected', '401 from Intercom')
      expect(await getIntercomApi(ctx, workspaceId)).toBeNull()
      const row = await ctx.db
        .selectFrom('workspaces')
        .select(['status', 'status_reason', 'access_token_ciphertext'])
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({
        status: 'disconnected',
        status_reason: '401 from Intercom',
        access_token_ciphertext: null,
      })

      const otherKey = {
        ...ctx,
        config: testConfig({ ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') }),
      }
      const active = newWorkspaceId()
      await storeWorkspaceConnection(ctx, {
        workspaceId: active,
        name: null,
        region: 'US',
        accessToken: 't',
        source: 'oauth',
      })
      expect(await getIntercomApi(otherKey, active)).toBeNull()
    })
  })

  describe('dropWorkspaceConnection', () => {
    it('with onlyIfToken leaves a token that a re-install replaced', async () => {
      const workspaceId = newWorkspaceId()
      const input = { workspaceId, name: null, region: 'US', source: 'oauth' } as const
      await storeWorkspaceConnection(ctx, { ...input, accessToken: 'new-token' })
      const dropped = await dropWorkspaceConnection(ctx, workspaceId, 'disconnected', 'stale 401', {
        onlyIfToken: 'old-token',
      })
      expect(dropped).toBe(false)
      expect(await getIntercomApi(ctx, workspaceId)).not.toBeNull()
    })
  })
})
