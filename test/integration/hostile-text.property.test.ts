import fc from 'fast-check'
import type { Server } from 'node:http'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { testApp } from '../support/app.js'
import { BEARER } from '../support/admin.js'
import { signedCanvas, signedWebhook } from '../support/intercom.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'
import { publicRoutes } from '../support/routes.js'

// Text PostgreSQL refuses (NUL anywhere; a lone surrogate in jsonb) mixed into ordinary text.
const hostileText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\ud800', '\udfff', '\u0000\u0000', 'a\u0000b'),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`)

/** URL-encoded; a lone surrogate (not encodable) becomes its CESU bytes, invalid UTF-8. */
function urlEncoded(text: string): string {
  return text
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('')
}

const SEED = 20261207
const PER_ROUTE = 2

let ctx: AppContext
let server: Server
let workspaceId: string
let code: string

beforeAll(async () => {
  ;({ ctx } = await testApp())
  const generous = { limit: 100_000, windowMs: 60_000 }
  const app = createApp(ctx, {
    rateLimits: { referralLinks: generous, webhooks: generous, wrongKeys: generous },
  })
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  ;({ workspaceId } = await newWorkspace(ctx.db))
  ;({ code } = (await newReferrer(ctx.db, workspaceId)).referrer)
})

afterAll(() => new Promise((resolve) => server?.close(resolve)))

/** A body shaped like every route's input, each string hostile. */
function hostileBody(text: string) {
  return {
    workspace_id: workspaceId,
    app_id: workspaceId,
    topic: 'contact.user.updated',
    id: `notif_${text}`,
    created_at: 1_790_000_000,
    name: text,
    email: `${text}@example.com`,
    q: text,
    key: text,
    code: text,
    component_id: text,
    input_values: { friend_email: text, friend_name: text, note: text },
    contact: { type: 'contact', id: `c_${text}`, name: text, email: text },
    user: { type: 'user', id: `c_${text}`, name: text },
    context: { locale: text },
    settings: { card: { headline: text } },
    data: {
      item: { type: 'contact', id: `c_${text}`, name: text, custom_attributes: { [text]: text } },
    },
    [text]: text,
  }
}

describe(
  'property: hostile text in any body, query or path of any route',
  { timeout: 240_000 },
  () => {
    it('is cleaned or refused with a 4xx, never a 5xx', async () => {
      const routes = publicRoutes(createApp(ctx))
      expect(routes.length).toBeGreaterThan(20)
      const failures: string[] = []
      for (const [index, route] of routes.entries()) {
        const texts = fc.sample(hostileText, { seed: SEED + index, numRuns: PER_ROUTE })
        const path = route.path
          .replace(/sample-workspaceId/g, encodeURIComponent(workspaceId))
          .replace(/sample-code/g, encodeURIComponent(code))
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
        const signer = path.startsWith('/intercom/webhooks') ? signedWebhook : signedCanvas
        for (const text of texts) {
          const encoded = urlEncoded(text)
          const call = (url: string) => request(server)[method](url)
          const attempts = [
            // In the query.
            call(`${path}?q=${encoded}&status=${encoded}&cursor=${encoded}`).set(BEARER),
            // In the path: each sample parameter replaced.
            call(route.path.replace(/sample-[A-Za-z]+/g, encoded)).set(BEARER),
            // In a signed JSON body (past signature checks), with the admin key.
            (() => {
              const signed = signer(hostileBody(text))
              return call(path).set(signed.headers).set(BEARER).send(signed.raw)
            })(),
            // In a form body.
            call(path)
              .type('form')
              .set(BEARER)
              .send({
                intercom_data: JSON.stringify(hostileBody(text)),
                name: text,
                key: text,
                q: text,
              }),
          ]
          for (const res of await Promise.all(attempts)) {
            if (res.status >= 500 && res.status !== 501)
              failures.push(
                `${route.method} ${route.pattern} → ${res.status} ${res.text.slice(0, 160)}`,
              )
          }
        }
      }
      expect(failures).toEqual([])
    })
  },
)
