import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { sessionCookie } from '../support/admin.js'
import { testConfig } from '../support/app.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'

let running: { fake: FakeIntercom; sut: RunningServer } | null = null

afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

async function installed(workspaceId: string, backfill: 'on' | 'off' = 'on') {
  const fake = await startFakeIntercom({ workspaceId })
  fake.controls.seedContacts(30, { role: 'user' })
  const sut = await startServer(
    testConfig({ INTERCOM_API_BASE_URL: fake.url, INTERCOM_BACKFILL: backfill }),
    { host: '127.0.0.1' },
  )
  running = { fake, sut }
  const outcome = await installThroughOAuth(sut.url)
  expect(outcome.location.searchParams.get('install_success')).toBe('true')
  return { fake, sut }
}

async function dashboard(sut: RunningServer, workspaceId: string, decision?: 'off' | 'now') {
  const headers = sessionCookie(sut.ctx.config, workspaceId, 'ada@acme.test')
  const url = `${sut.url}/admin/w/${workspaceId}/backfill`
  if (decision) {
    const posted = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: `decision=${decision}`,
      redirect: 'manual',
    })
    expect(posted.status).toBe(303)
  }
  const page = await fetch(url, { headers })
  expect(page.status).toBe(200)
  // As a reader sees it: the HTML's line breaks are spaces.
  return (await page.text()).replace(/\s+/g, ' ')
}

describe('backfill on install', { timeout: 180_000 }, () => {
  it('gives existing users codes and links after install, with its progress on the dashboard', async () => {
    const workspaceId = 'wsbackfill01'
    const { fake, sut } = await installed(workspaceId)
    const planned = await dashboard(sut, workspaceId)
    console.log(planned.slice(planned.indexOf('<main'), planned.indexOf('<main') + 1500))
    expect(planned).toContain("Don't import existing users")
    // The admin does not wait for the grace period.
    await dashboard(sut, workspaceId, 'now')
    await eventually(
      () =>
        [...fake.state.contacts.values()].every(
          (c) => typeof c.custom_attributes.referral_link === 'string',
        ),
      'every existing user to have a referral link in Intercom',
    )
    const done = await eventually(async () => {
      const text = await dashboard(sut, workspaceId)
      return text.includes('succeeded') ? text : undefined
    }, 'the dashboard to show the finished import')
    expect(done).toContain('30 of 30')
    const referrers = await sut.ctx.db
      .selectFrom('referrers')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(referrers).toHaveLength(30)
  })

  it('an admin switches it off before it starts, and INTERCOM_BACKFILL=off plans none', async () => {
    const workspaceId = 'wsbackfill02'
    const { sut } = await installed(workspaceId)
    const off = await dashboard(sut, workspaceId, 'off')
    expect(off).toContain('switched off by ada@acme.test')
    // Even when due, a switched-off backfill never starts.
    await sut.ctx.db
      .updateTable('workspace_backfills')
      .set({ starts_at: new Date(0) })
      .where('workspace_id', '=', workspaceId)
      .execute()
    const { startDueBackfills } = await import('../../src/sync/backfill.js')
    await startDueBackfills(sut.ctx)
    const runs = await sut.ctx.db
      .selectFrom('sync_runs')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(runs).toHaveLength(0)
    await running?.sut.close()
    await running?.fake.close()
    running = null

    const { sut: second } = await installed('wsbackfill03', 'off')
    const page = await dashboard(second, 'wsbackfill03')
    expect(page).toContain('INTERCOM_BACKFILL=off')
  })
})
