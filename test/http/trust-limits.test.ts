import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { WEBHOOK_LIMIT } from '../../src/http/rate-limit.js'
import { testApp, testConfig } from '../support/app.js'
import { BEARER } from '../support/admin.js'
import { signedWebhook } from '../support/intercom.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'
import { contactNotification, newContactId } from '../integration/webhook-fixtures.js'

let ctx: AppContext
let sut: Express
beforeAll(async () => {
  ;({ ctx } = await testApp())
  sut = createApp(ctx, { rateLimits: { webhooks: { ...WEBHOOK_LIMIT, limit: 5 } } })
})

const ping = (workspaceId: string) => ({
  type: 'notification_event',
  id: `notif_ping_${newContactId()}`,
  app_id: workspaceId,
  topic: 'ping',
  created_at: 1_790_000_000,
  data: { item: { type: 'ping', message: 'hi' } },
})

describe('hostile text is cleaned or refused, never a 500', () => {
  it('a signed webhook with a NUL in a name is acknowledged and stored; a burst of them never throttles Intercom', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    for (let i = 0; i < 8; i++) {
      const notification = contactNotification({
        workspaceId,
        topic: 'contact.user.created',
        contact: { id: newContactId(), role: 'user', name: `Ada\u0000 Love\u0000lace ${i}` },
      })
      const { raw, headers } = signedWebhook(notification)
      const res = await request(sut).post('/intercom/webhooks').set(headers).send(raw)
      expect(res.status).toBe(200)
    }
    const stored = await ctx.db
      .selectFrom('webhook_notifications')
      .select('workspace_id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(stored).toHaveLength(8)
    const { raw, headers } = signedWebhook(ping(workspaceId))
    expect((await request(sut).post('/intercom/webhooks').set(headers).send(raw)).status).toBe(200)
  })

  it('?q=%00 on the referrer search and the privacy page is a 400', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const api = await request(sut)
      .get(`/api/v1/workspaces/${workspaceId}/referrers?q=%00`)
      .set(BEARER)
    expect(api.status).toBe(400)
    const page = await request(sut).get(`/admin/w/${workspaceId}/privacy?q=a%00b`).set(BEARER)
    expect(page.status).toBe(400)
    expect((await request(sut).get('/r/abc%00')).status).toBe(400)
  })
})

describe('the webhook limiter counts signature failures only', () => {
  it('refused signatures are counted; signed webhooks never are, and always pass', async () => {
    const app = createApp(ctx, { rateLimits: { webhooks: { ...WEBHOOK_LIMIT, limit: 3 } } })
    const { workspaceId } = await newWorkspace(ctx.db)
    const ip = '2001:db8:77::1'
    const signed = () => {
      const { raw, headers } = signedWebhook(ping(workspaceId))
      return request(app)
        .post('/intercom/webhooks')
        .set(headers)
        .set('x-forwarded-for', ip)
        .send(raw)
    }
    const badlySigned = () =>
      request(app)
        .post('/intercom/webhooks')
        .set('content-type', 'application/json')
        .set('x-hub-signature', 'sha1=00')
        .set('x-forwarded-for', ip)
        .send('{}')
    for (let i = 0; i < 6; i++) expect((await signed()).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await badlySigned()).status).toBe(401)
    const after = await badlySigned()
    expect(after.status).toBe(429)
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(0)
    // A signature nobody can guess still passes: Intercom is never throttled by someone else's noise.
    expect((await signed()).status).toBe(200)
  })
})

describe('limits that hold', () => {
  it('IPv6 clients are counted per /56: wrong sign-ins from one /56 are limited together', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await request(sut)
        .post('/admin/sign-in')
        .type('form')
        .set('x-forwarded-for', `2001:db8:0:${(i * 17).toString(16)}::${i + 1}`)
        .send({ key: 'not-the-key-at-all' })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
    // Another /56 is another client.
    const elsewhere = await request(sut)
      .post('/admin/sign-in')
      .type('form')
      .set('x-forwarded-for', '2001:db8:0:100::1')
      .send({ key: 'not-the-key-at-all' })
    expect(elsewhere.status).toBe(401)
  })

  it('wrong bearer keys on the API and /metrics are limited like wrong sign-ins; the right key never is', async () => {
    const ip = '203.0.113.9'
    const wrong = { authorization: 'Bearer not-the-admin-key-123' }
    for (let i = 0; i < 5; i++) {
      expect(
        (await request(sut).get('/api/v1/workspaces').set(wrong).set('x-forwarded-for', ip)).status,
      ).toBe(401)
      expect(
        (await request(sut).get('/metrics').set(wrong).set('x-forwarded-for', ip)).status,
      ).toBe(401)
    }
    const limited = await request(sut)
      .get('/api/v1/workspaces')
      .set(wrong)
      .set('x-forwarded-for', ip)
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    // Many right-key requests at once from a fresh client: none refused.
    const burst = await Promise.all(
      Array.from({ length: 15 }, () =>
        request(sut).get('/api/v1/workspaces').set(BEARER).set('x-forwarded-for', '203.0.113.10'),
      ),
    )
    expect(burst.map((r) => r.status)).toEqual(Array(15).fill(200))
  })

  it('/metrics is closed without ADMIN_API_KEY', async () => {
    const closed = createApp({ ...ctx, config: testConfig({ ADMIN_API_KEY: undefined }) })
    expect((await request(closed).get('/metrics')).status).toBe(401)
  })
})

describe('one click per visitor', () => {
  it('ten identical clicks count once; another visitor counts again', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const { referrer } = await newReferrer(ctx.db, workspaceId)
    const app = createApp(ctx)
    for (let i = 0; i < 10; i++) {
      const res = await request(app)
        .get(`/r/${referrer.code}`)
        .set('x-forwarded-for', '198.51.100.7')
        .set('user-agent', 'Mozilla/5.0 test')
      expect(res.status).toBe(303)
    }
    await request(app)
      .get(`/r/${referrer.code}`)
      .set('x-forwarded-for', '198.51.100.8')
      .set('user-agent', 'Mozilla/5.0 test')
      .expect(303)
    const row = await ctx.db
      .selectFrom('referrers')
      .select('click_count')
      .where('id', '=', referrer.id)
      .executeTakeFirstOrThrow()
    expect(row.click_count).toBe(2)
    const rows = await ctx.db
      .selectFrom('link_clicks')
      .select('id')
      .where('referrer_id', '=', referrer.id)
      .execute()
    expect(rows).toHaveLength(2)
  })
})
