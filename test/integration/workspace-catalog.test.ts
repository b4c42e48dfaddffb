import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { forgetWorkspaceCatalog, workspaceCatalog } from '../../src/intercom/workspace-catalog.js'
import { WorkspaceCatalogCache } from '../../src/intercom/workspace-catalog-cache.js'
import { createLogger } from '../../src/logger.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { freshDatabase } from '../support/db.js'
import { newWorkspace } from '../support/ledger.js'

describe('the workspace catalog behind the dashboard pickers', () => {
  let fake: FakeIntercom
  let ctx: AppContext
  const WORKSPACE = 'wscat01'

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId: WORKSPACE })
    fake.controls.defineAttribute('plan', 'options', 'contact', ['free', 'pro'])
    fake.controls.addSegment('Customers')
    const config = testConfig({ INTERCOM_API_BASE_URL: fake.url })
    const database = await freshDatabase()
    ctx = {
      config,
      database,
      db: database.db,
      logger: createLogger('silent'),
      jobs: null,
      workspaceCatalogs: new WorkspaceCatalogCache(),
    }
    await storeWorkspaceConnection(ctx, {
      workspaceId: WORKSPACE,
      name: 'Catalog',
      region: 'US',
      accessToken: fake.accessToken,
      source: 'private',
    })
  })

  afterAll(async () => {
    await fake?.close()
  })

  const listings = () => fake.state.requests.filter((r) => r.path === '/data_attributes').length

  it('lists attributes (with a list attribute’s options) and segments, cached for a minute', async () => {
    const now = Date.now()
    const answer = await workspaceCatalog(ctx, WORKSPACE, now)
    if (answer.kind !== 'connected') throw new Error(`expected connected, got ${answer.kind}`)
    expect(answer.catalog.attributes).toContainEqual({
      fullName: 'custom_attributes.plan',
      name: 'plan',
      label: 'plan',
      dataType: 'options',
      custom: true,
      options: ['free', 'pro'],
    })
    expect(answer.catalog.attributes.find((a) => a.name === 'role')?.fullName).toBe('role')
    expect(answer.catalog.segments.map((s) => s.name)).toEqual(['Customers'])
    const asked = listings()
    await workspaceCatalog(ctx, WORKSPACE, now + 59_000)
    expect(listings()).toBe(asked)
    await workspaceCatalog(ctx, WORKSPACE, now + 61_000)
    expect(listings()).toBe(asked + 1)
  })

  it('falls back to free text when not connected or when Intercom fails', async () => {
    const local = await newWorkspace(ctx.db)
    expect(await workspaceCatalog(ctx, local.workspaceId)).toEqual({ kind: 'not-connected' })
    forgetWorkspaceCatalog(ctx, WORKSPACE)
    fake.controls.force5xx(2)
    const failed = await workspaceCatalog(ctx, WORKSPACE)
    expect(failed.kind).toBe('unavailable')
    fake.controls.clearFailures()
  })
})
