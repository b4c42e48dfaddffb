import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { signOauthState } from '../../src/intercom/oauth-state.js'
import { ADMIN_KEY, csrfFor, sessionCookie } from '../support/admin.js'
import { TEST_CLIENT_SECRET, testApp, testConfig } from '../support/app.js'
import { signedCanvas, signedWebhook } from '../support/intercom.js'
import { newWorkspace } from '../support/ledger.js'

let ctx: AppContext
let app: Express
// A second instance on the same database: what one instance ends, the other refuses.
let other: Express
beforeAll(async () => {
  ;({ app, ctx } = await testApp())
  other = createApp(ctx)
})

async function operatorCookie(on: Express = app): Promise<string> {
  const res = await request(on).post('/admin/sign-in').type('form').send({ key: ADMIN_KEY })
  expect(res.status).toBe(303)
  return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!
}

describe('sessions that end', () => {
  it('sign-out ends the session on every instance', async () => {
    const cookie = await operatorCookie()
    expect((await request(other).get('/api/v1/workspaces').set('cookie', cookie)).status).toBe(200)
    const out = await request(app)
      .post('/admin/sign-out')
      .type('form')
      .set('cookie', cookie)
      .send({ _csrf: csrfFor(ctx.config, cookie) })
    expect(out.status).toBe(303)
    expect((await request(app).get('/api/v1/workspaces').set('cookie', cookie)).status).toBe(401)
    expect((await request(other).get('/api/v1/workspaces').set('cookie', cookie)).status).toBe(401)
  })

  it('a new ADMIN_API_KEY ends operator sessions opened with the old one', async () => {
    const cookie = await operatorCookie()
    const rotated = createApp({
      ...ctx,
      config: testConfig({ ADMIN_API_KEY: 'a-brand-new-admin-key-0123456789' }),
    })
    expect((await request(rotated).get('/api/v1/workspaces').set('cookie', cookie)).status).toBe(
      401,
    )
  })

  it('uninstall ends the sessions of that workspace’s admins', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const session = sessionCookie(ctx.config, workspaceId)
    const path = `/api/v1/workspaces/${workspaceId}`
    expect((await request(app).get(path).set(session)).status).toBe(200)
    const { raw, headers } = signedCanvas({ app_id: workspaceId })
    expect((await request(app).post('/intercom/uninstall').set(headers).send(raw)).status).toBe(200)
    expect((await request(other).get(path).set(session)).status).toBe(401)
  })

  it('an admin removed from the workspace in Intercom loses their session', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const removed = sessionCookie(ctx.config, workspaceId, 'Gone@Example.com')
    const stays = sessionCookie(ctx.config, workspaceId, 'stays@example.com')
    const path = `/api/v1/workspaces/${workspaceId}`
    expect((await request(app).get(path).set(removed)).status).toBe(200)
    const { raw, headers } = signedWebhook({
      type: 'notification_event',
      id: 'notif_admin_removed_1',
      app_id: workspaceId,
      topic: 'admin.removed_from_workspace',
      created_at: 1_790_000_000,
      data: { item: { type: 'admin', id: '77', email: 'gone@example.com' } },
    })
    expect((await request(app).post('/intercom/webhooks').set(headers).send(raw)).status).toBe(200)
    expect((await request(other).get(path).set(removed)).status).toBe(401)
    expect((await request(other).get(path).set(stays)).status).toBe(200)
  })
})

describe('CSRF', () => {
  it('a cookie-authenticated change from another origin, or without the token, is refused and changes nothing', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const cookie = await operatorCookie()
    const backfill = `/admin/w/${workspaceId}/backfill`
    const evil = await request(app)
      .post(backfill)
      .type('form')
      .set('cookie', cookie)
      .set('origin', 'https://evil.example')
      .send({ _csrf: csrfFor(ctx.config, cookie) })
    expect(evil.status).toBe(403)
    const tokenless = await request(app).post(backfill).type('form').set('cookie', cookie).send({})
    expect(tokenless.status).toBe(403)
    const backfills = await ctx.db
      .selectFrom('workspace_backfills')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(backfills).toHaveLength(0)
    // The API under the session cookie too.
    const api = await request(app)
      .post(`/api/v1/workspaces/${workspaceId}/campaigns`)
      .set('cookie', cookie)
      .send({ name: 'Sneaky' })
    expect(api.status).toBe(403)
  })

  it('a form post under no-referrer (Origin: null) is judged by Sec-Fetch-Site', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const cookie = await operatorCookie()
    const post = (headers: Record<string, string>) =>
      request(app)
        .post(`/admin/w/${workspaceId}/backfill`)
        .type('form')
        .set('cookie', cookie)
        .set(headers)
        .send({ _csrf: csrfFor(ctx.config, cookie), decision: 'off' })
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post({ origin: 'null' })).status).toBe(403)
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).not.toBe(403)
  })

  it('the dashboard’s pages carry the token in a meta tag and in every POST form', async () => {
    const cookie = await operatorCookie()
    const page = await request(app).get('/admin').set('cookie', cookie)
    const token = csrfFor(ctx.config, cookie)
    expect(page.text).toContain(`<meta name="csrf-token" content="${token}" />`)
    expect(page.text).toMatch(
      new RegExp(
        `<form[^>]*action="/admin/sign-out"[^>]*><input type="hidden" name="_csrf" value="${token}" />`,
      ),
    )
    // Sign-in itself (no session yet) needs the same origin.
    const crossSite = await request(app)
      .post('/admin/sign-in')
      .type('form')
      .set('origin', 'https://evil.example')
      .send({ key: ADMIN_KEY })
    expect(crossSite.status).toBe(403)
  })

  it('the OAuth state is bound to the browser that started it', async () => {
    const start = await request(app).get('/intercom/install')
    expect(start.status).toBe(302)
    expect(String(start.headers['set-cookie']?.[0])).toMatch(
      /^referrals_oauth_nonce=[^;]+;.*HttpOnly/,
    )
    const state = new URL(String(start.headers.location)).searchParams.get('state')!
    // Another browser (no nonce cookie, or another one) cannot finish it.
    const stolen = await request(app).get(`/intercom/oauth/callback?code=abc&state=${state}`)
    expect(stolen.status).toBe(302)
    expect(String(stolen.headers.location)).toMatch(/another%20browser|another\+browser|error/)
    const unbound = signOauthState(TEST_CLIENT_SECRET, 'install')
    const old = await request(app)
      .get(`/intercom/oauth/callback?code=abc&state=${unbound}`)
      .set('cookie', 'referrals_oauth_nonce=whatever')
    expect(String(old.headers.location)).toMatch(/another%20browser|another\+browser|error/)
  })
})
