import { sql } from 'kysely'
import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { WEBHOOK_LIMIT } from '../../src/http/rate-limit.js'
import { createLogger } from '../../src/logger.js'
import { testConfig } from '../support/app.js'
import { freshDatabase } from '../support/db.js'
import { signedWebhook } from '../support/intercom.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

let ctx: AppContext
let sut: Express

beforeAll(async () => {
  const config = testConfig()
  const database = await freshDatabase()
  ctx = { config, database, db: database.db, logger: createLogger('silent'), jobs: null }
  sut = createApp(ctx, {
    rateLimits: {
      referralLinks: { limit: 3, windowMs: 60_000 },
      webhooks: { limit: 2, windowMs: 60_000 },
    },
  })
})

function cspOf(res: request.Response): Map<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '')
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...rest] = part.split(/\s+/)
        return [name, rest.join(' ')] as const
      }),
  )
}

describe('security headers', () => {
  it('sends a strict CSP (scripts from self or a per-response nonce), no framing, nosniff', async () => {
    const res = await request(sut).get('/healthz')
    const csp = cspOf(res)
    expect(csp.get('script-src')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]+'$/)
    expect(csp.get('frame-ancestors')).toBe("'none'")
    expect(csp.get('object-src')).toBe("'none'")
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toContain('max-age=')
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('gives every response its own nonce', async () => {
    const a = cspOf(await request(sut).get('/healthz')).get('script-src')
    const b = cspOf(await request(sut).get('/healthz')).get('script-src')
    expect(a).not.toBe(b)
  })

  it('lets Intercom frame sheet pages and load its sheet library there', async () => {
    const res = await request(sut).post('/canvas/messenger/sheet/share').type('form').send({})
    const csp = cspOf(res)
    expect(res.headers['x-frame-options']).toBeUndefined()
    expect(csp.has('frame-ancestors')).toBe(false)
    expect(csp.get('script-src')).toContain('https://js.intercomcdn.com')
    expect(csp.get('script-src')).toContain("'self'")
    expect(csp.get('script-src')).not.toContain('unsafe-inline')
  })
})

describe('per-IP rate limits', () => {
  it('answers 429 with a JSON message and Retry-After on /r/* after the limit', async () => {
    const ip = '10.1.0.1'
    for (let i = 0; i < 3; i++) {
      const ok = await request(sut).get(`/r/nobody-${i}`).set('X-Forwarded-For', ip)
      expect(ok.status).not.toBe(429)
    }
    const res = await request(sut).get('/r/nobody-x').set('X-Forwarded-For', ip)
    expect(res.status).toBe(429)
    expect(res.headers['retry-after']).toMatch(/^\d+$/)
    expect(res.body.error.code).toBe('rate_limited')
    expect(res.body.error.message).toMatch(/try again in \d+ seconds/)
  })

  it('counts each client IP on its own', async () => {
    for (let i = 0; i < 4; i++) await request(sut).get('/r/a').set('X-Forwarded-For', '10.1.0.2')
    const other = await request(sut).get('/r/a').set('X-Forwarded-For', '10.1.0.3')
    expect(other.status).not.toBe(429)
  })

  it('limits /intercom/webhooks before reading the body', async () => {
    const ip = '10.1.0.4'
    for (let i = 0; i < 2; i++) {
      const res = await request(sut).post('/intercom/webhooks').set('X-Forwarded-For', ip).send({})
      expect(res.status).not.toBe(429)
    }
    const res = await request(sut)
      .post('/intercom/webhooks')
      .set('X-Forwarded-For', ip)
      .set('content-type', 'application/json')
      .send('{not json')
    expect(res.status).toBe(429)
    expect(res.headers['retry-after']).toBeDefined()
  })

  it('by default counts only refused webhooks, so Intercom itself is never throttled', async () => {
    // WEBHOOK_LIMIT's counting rule (signature failures only), with a lower bound to stay quick.
    const limit = { ...WEBHOOK_LIMIT, limit: 20 }
    const sut = createApp(ctx, { rateLimits: { webhooks: limit } })
    const ping = (n: number) =>
      signedWebhook({
        type: 'notification_event',
        id: `notif_${n}`,
        app_id: 'ws_limits',
        topic: 'ping',
        created_at: 1_700_000_000,
        data: { type: 'notification_event_data', item: { type: 'ping', message: 'hi' } },
      })
    const ip = '10.1.0.9'
    for (let n = 0; n < limit.limit + 5; n++) {
      const signed = ping(n)
      const res = await request(sut)
        .post('/intercom/webhooks')
        .set('X-Forwarded-For', ip)
        .set(signed.headers)
        .send(signed.raw)
      expect(res.status).toBe(200)
    }
    let last = 0
    for (let n = 0; n <= limit.limit; n++) {
      last = (await request(sut).post('/intercom/webhooks').set('X-Forwarded-For', ip).send({}))
        .status
    }
    expect(last).toBe(429)
  })

  it('does not limit other routes', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await request(sut).get('/healthz').set('X-Forwarded-For', '10.1.0.5')
      expect(res.status).toBe(200)
    }
  })
})

describe('request body limits (src/http/raw-body.ts)', () => {
  it('refuses a JSON body over 256 kB with 413 and a message', async () => {
    const res = await request(sut)
      .post('/canvas/messenger/initialize')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('refuses a form body over 256 kB with 413', async () => {
    const res = await request(sut)
      .post('/canvas/messenger/sheet/share')
      .type('form')
      .send(`intercom_data=${'x'.repeat(300 * 1024)}`)
    expect(res.status).toBe(413)
  })

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await request(sut)
      .post('/canvas/messenger/initialize')
      .set('content-type', 'application/json')
      .send('{"a":')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/not valid JSON/)
  })

  it('refuses a compressed body in an unsupported encoding with 415', async () => {
    const res = await request(sut)
      .post('/canvas/messenger/initialize')
      .set('content-type', 'application/json')
      .set('content-encoding', 'br-fake')
      .send('{}')
    expect(res.status).toBe(415)
  })
})

describe('GET /metrics', () => {
  it('refuses a caller without the admin bearer key', async () => {
    expect((await request(sut).get('/metrics')).status).toBe(401)
    const wrong = await request(sut).get('/metrics').set('Authorization', 'Bearer nope-nope-nope')
    expect(wrong.status).toBe(401)
  })

  it('exports latency by route, write-back and webhook lag, queue depth and rate-limit counters', async () => {
    await request(sut).get('/healthz')
    const { workspaceId } = await newWorkspace(ctx.db)
    const { participant } = await newReferrer(ctx.db, workspaceId)
    await ctx.db
      .insertInto('pending_contact_writes')
      .values({
        workspace_id: workspaceId,
        participant_id: participant.id,
        changed_at: new Date(Date.now() - 90_000),
      })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'participant_id'])
          .doUpdateSet({ changed_at: new Date(Date.now() - 90_000) }),
      )
      .execute()
    // A notification acknowledged a minute ago and still waiting for the processor.
    await sql`insert into webhook_notifications
        (workspace_id, notification_id, topic, notified_at, payload, received_at, claimed_until)
      values (${workspaceId}, ${`notif_metrics_${workspaceId}`}, 'contact.user.updated',
        now() - interval '1 minute', '{}', now() - interval '1 minute', now() + interval '10 minutes')`.execute(
      ctx.db,
    )
    const res = await request(sut)
      .get('/metrics')
      .set('Authorization', `Bearer ${ctx.config.adminApiKey}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    const webhookLag = /^webhook_notifications_lag_seconds (\S+)$/m.exec(res.text)?.[1]
    expect(Number(webhookLag)).toBeGreaterThanOrEqual(60)
    expect(res.text).toMatch(/^webhook_notifications_pending [1-9]/m)
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    )
    expect(res.text).toContain('http_rate_limited_total{limiter="r"}')
    expect(res.text).toContain('job_queue_depth')
    const lag = /^contact_write_back_lag_seconds (\S+)$/m.exec(res.text)?.[1]
    expect(Number(lag)).toBeGreaterThanOrEqual(90)
    expect(res.text).toMatch(/^contact_write_back_pending [1-9]/m)
  })

  it('is closed when no ADMIN_API_KEY is set', async () => {
    const config = testConfig({ ADMIN_API_KEY: undefined })
    const closed = createApp({ ...ctx, config })
    expect((await request(closed).get('/metrics')).status).toBe(401)
  })
})
