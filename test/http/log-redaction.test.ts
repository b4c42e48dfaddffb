import { Writable } from 'node:stream'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { createLogger } from '../../src/logger.js'
import { TEST_CLIENT_SECRET, testConfig } from '../support/app.js'
import { freshDatabase } from '../support/db.js'
import { signedCanvas, signedWebhook } from '../support/intercom.js'
import { publicRoutes } from '../support/routes.js'

const ADMIN_KEY = 'admin-key-SECRET-5f1c2e9a7b'
const ACCESS_TOKEN = 'dG9rOmFjY2Vzcy1TRUNSRVQtOGQ3ZTZm'
const REFRESH = 'refresh-SECRET-0a9b8c7d'
const SECRETS = [TEST_CLIENT_SECRET, ADMIN_KEY, ACCESS_TOKEN, REFRESH]

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return { stream, text: () => chunks.join('') }
}

describe('secrets never reach the logs', () => {
  it('redacts credentials in every field shape the app and its clients log', () => {
    const out = capture()
    const sut = createLogger('trace', out.stream)
    sut.info({ req: { headers: { authorization: `Bearer ${ADMIN_KEY}` } } }, 'incoming')
    sut.info({ accessToken: ACCESS_TOKEN }, 'top-level token')
    sut.info({ workspace: { accessToken: ACCESS_TOKEN, refresh_token: REFRESH } }, 'nested')
    sut.info({ request: { headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } } }, 'outbound')
    sut.info({ headers: { authorization: `Bearer ${ACCESS_TOKEN}` } }, 'bare headers')
    sut.info({ config: { signingSecret: TEST_CLIENT_SECRET, adminApiKey: ADMIN_KEY } }, 'config')
    sut.info({ oauth: { client_secret: TEST_CLIENT_SECRET, access_token: ACCESS_TOKEN } }, 'oauth')
    const text = out.text()
    expect(text).toContain('[redacted]')
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })

  it('logs no secret while every route is called with keys, tokens and signatures (trace level)', async () => {
    const out = capture()
    const config = testConfig({ ADMIN_API_KEY: ADMIN_KEY })
    const database = await freshDatabase()
    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      logger: createLogger('trace', out.stream),
      jobs: null,
    }
    const sut = createApp(ctx)
    const body = {
      workspace_id: 'ws_logs',
      access_token: ACCESS_TOKEN,
      token: ACCESS_TOKEN,
      client_secret: TEST_CLIENT_SECRET,
      refresh_token: REFRESH,
      password: ADMIN_KEY,
    }
    for (const route of publicRoutes(sut)) {
      const url = `${route.path}?access_token=${ACCESS_TOKEN}&code=${REFRESH}`
      if (route.method === 'GET') {
        await request(sut).get(url).set('Authorization', `Bearer ${ADMIN_KEY}`)
        await request(sut).get(url).set('Cookie', `session=${ACCESS_TOKEN}`)
        continue
      }
      const signed = route.path.startsWith('/intercom/webhooks')
        ? signedWebhook(body)
        : signedCanvas(body)
      await request(sut)
        .post(url)
        .set(signed.headers)
        .set('Authorization', `Bearer ${ADMIN_KEY}`)
        .send(signed.raw)
      await request(sut)
        .post(url)
        .type('form')
        .send(`intercom_data=${encodeURIComponent(JSON.stringify(body))}`)
    }
    await request(sut).get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`)
    await request(sut).get('/metrics').set('Authorization', `Bearer ${ACCESS_TOKEN}`)
    const text = out.text()
    expect(text.length).toBeGreaterThan(0)
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  })
})
