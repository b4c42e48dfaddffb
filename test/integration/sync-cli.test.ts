import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syncCommand } from '../../src/cli/commands/sync.js'
import type { AppContext } from '../../src/context.js'
import { storeWorkspaceConnection } from '../../src/intercom/connections.js'
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { createLogger } from '../../src/logger.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { freshDatabase } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'

const WORKSPACE = 'wssynccli'
let fake: FakeIntercom
let ctx: AppContext

beforeAll(async () => {
  fake = await startFakeIntercom({ workspaceId: WORKSPACE, rateLimitPerMinute: 600_000 })
  fake.controls.seedContacts(400, { role: 'mixed' })
  const config = testConfig({ INTERCOM_API_BASE_URL: fake.url })
  const database = await freshDatabase()
  ctx = { config, database, db: database.db, logger: createLogger('silent'), jobs: null }
  await storeWorkspaceConnection(ctx, {
    workspaceId: WORKSPACE,
    name: 'CLI',
    region: 'US',
    accessToken: fake.accessToken,
    source: 'private',
  })
})

afterAll(async () => {
  await fake?.close()
})

function cli(json: boolean) {
  const lines: string[] = []
  const errors: string[] = []
  return {
    lines,
    errors,
    sut: {
      ctx,
      json,
      out: (line: string) => lines.push(line),
      err: (line: string) => errors.push(line),
    },
  }
}

describe('sync command', () => {
  it('sync start imports the leads here, reporting progress per page, then sync status shows the run', async () => {
    const campaign = await getDefaultCampaign(ctx.db, WORKSPACE)
    await updateCampaign(ctx.db, {
      workspaceId: WORKSPACE,
      campaignId: campaign.id,
      settings: { ...campaign.settings, import: { ...campaign.settings.import, source: 'leads' } },
      actor: SYSTEM,
    })
    const start = cli(true)
    expect(await syncCommand(start.sut, ['start', '--workspace', WORKSPACE])).toBe(0)
    const reports = start.lines.map(
      (line) =>
        JSON.parse(line) as { status: string; imported: number; progress: { done: number } },
    )
    expect(reports.length).toBeGreaterThanOrEqual(3)
    expect(reports.at(-1)).toMatchObject({
      status: 'succeeded',
      imported: 200,
      progress: { done: 200 },
    })
    const leads = [...fake.state.contacts.values()]
      .filter((c) => c.role === 'lead')
      .map((c) => c.id)
    const imported = await ctx.db
      .selectFrom('participants')
      .select('contact_id')
      .where('workspace_id', '=', WORKSPACE)
      .execute()
    expect(new Set(imported.map((row) => row.contact_id))).toEqual(new Set(leads))

    const status = cli(false)
    expect(await syncCommand(status.sut, ['status', WORKSPACE])).toBe(0)
    expect(status.lines).toHaveLength(1)
    expect(status.lines[0]).toMatch(/succeeded {2}full {2}200\/200 {2}imported 200/)
  })

  it('refuses an unknown run and a missing workspace', async () => {
    await expect(syncCommand(cli(false).sut, ['status', WORKSPACE, 'nope'])).rejects.toThrow(
      /no sync run/,
    )
    await expect(syncCommand(cli(false).sut, ['start'])).rejects.toThrow(/workspace/)
  })
})
