import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'

let fake: FakeIntercom

/** The parts of the fake's JSON answers these tests read. */
interface FakeBody {
  id: string
  email: string
  total_count: number
  custom_attributes: Record<string, unknown>
  app: { id_code: string }
  data: { id: string; email: string }[]
  pages: { next?: { starting_after: string } }
  errors: { code: string; message: string }[]
}

beforeAll(async () => {
  fake = await startFakeIntercom({ rateLimitPerMinute: 600 })
  fake.controls.defineAttribute('referral_count', 'integer')
})
afterAll(() => fake.close())

async function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = fake.accessToken,
): Promise<{ status: number; body: FakeBody; headers: Headers }> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : null) as FakeBody,
    headers: response.headers,
  }
}

describe('fake Intercom', () => {
  describe('security', () => {
    it('refuses a missing or unknown bearer token with error.list', async () => {
      for (const token of [null, 'not-a-token']) {
        const response = await call('GET', '/me', undefined, token)
        expect(response.status).toBe(401)
        expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
        expect(response.body).toMatchObject({
          type: 'error.list',
          errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
        })
      }
    })

    it('runs the OAuth dance: authorize redirect, a code ending in =, a single-use exchange', async () => {
      const authorize = await fetch(
        `${fake.url}/oauth?client_id=test-client-id&state=s1&redirect_uri=${encodeURIComponent('https://app.test/cb')}`,
        { redirect: 'manual' },
      )
      expect(authorize.status).toBe(302)
      const location = new URL(authorize.headers.get('location') ?? '')
      expect(location.origin + location.pathname).toBe('https://app.test/cb')
      expect(location.searchParams.get('state')).toBe('s1')
      const code = location.searchParams.get('code') ?? ''
      expect(code).toMatch(/=$/)
      const exchange = (form: Record<string, string>) =>
        fetch(`${fake.url}/auth/eagle/token`, { method: 'POST', body: new URLSearchParams(form) })
      const truncated = await exchange({
        code: code.replace(/=+$/, ''),
        client_id: 'test-client-id',
        client_secret: 'test-client-secret-0123456789',
      })
      expect(truncated.status).toBe(401)
      const form = {
        code,
        client_id: 'test-client-id',
        client_secret: 'test-client-secret-0123456789',
      }
      const wrongSecret = await exchange({ ...form, client_secret: 'nope' })
      expect(wrongSecret.status).toBe(401)
      const ok = await exchange(form)
      const token = (await ok.json()) as Record<string, string>
      expect(token).toMatchObject({ token_type: 'Bearer' })
      expect(token.access_token).toBe(token.token)
      expect((await exchange(form)).status).toBe(401)
      expect((await call('GET', '/me', undefined, token.token)).body.app.id_code).toBe('fakews01')
      await call('POST', '/auth/uninstall', {}, token.token)
      expect((await call('GET', '/me', undefined, token.token)).status).toBe(401)
    })
  })

  describe('contacts', () => {
    it('answers a duplicate email or external_id with 409 naming the existing contact', async () => {
      const first = await call('POST', '/contacts', {
        role: 'user',
        email: 'dup@example.com',
        external_id: 'u-1',
      })
      expect(first.status).toBe(200)
      const sameEmail = await call('POST', '/contacts', { role: 'user', email: 'DUP@example.com' })
      expect(sameEmail.status).toBe(409)
      expect(sameEmail.body.errors[0]).toEqual({
        code: 'conflict',
        message: `A contact matching those details already exists with id=${first.body.id}`,
      })
      const sameExternalId = await call('POST', '/contacts', { role: 'lead', external_id: 'u-1' })
      expect(sameExternalId.status).toBe(409)
      // A lead may share a user's email; two leads may not.
      expect(
        (await call('POST', '/contacts', { role: 'lead', email: 'dup@example.com' })).status,
      ).toBe(200)
      expect(
        (await call('POST', '/contacts', { role: 'lead', email: 'dup@example.com' })).status,
      ).toBe(409)
    })

    it('refuses unknown custom attributes and wrong types, and records nothing', async () => {
      const contact = fake.controls.addContact({ role: 'user', email: 'attrs@example.com' })
      const unknown = await call('PUT', `/contacts/${contact.id}`, {
        custom_attributes: { nope: 1 },
      })
      expect(unknown.status).toBe(400)
      expect(unknown.body.errors[0]?.message).toBe("Custom attribute 'nope' does not exist")
      const wrong = await call('PUT', `/contacts/${contact.id}`, {
        custom_attributes: { referral_count: '3' },
      })
      expect(wrong.status).toBe(400)
      expect(fake.state.puts.filter((p) => p.contactId === contact.id)).toHaveLength(0)
      const ok = await call('PUT', `/contacts/${contact.id}`, {
        custom_attributes: { referral_count: 3 },
      })
      expect(ok.body.custom_attributes).toEqual({ referral_count: 3 })
      expect((await call('GET', '/contacts/000000000000000000000000')).status).toBe(404)
    })

    it('lists every contact newest first, with a cursor', async () => {
      fake.controls.addContact({ role: 'lead', email: 'list1@example.com' })
      fake.controls.addContact({ role: 'lead', email: 'list2@example.com' })
      const first = await call('GET', '/contacts?per_page=2')
      expect(first.body.data).toHaveLength(2)
      const cursor = first.body.pages.next?.starting_after ?? ''
      const second = await call(
        'GET',
        `/contacts?per_page=2&starting_after=${encodeURIComponent(cursor)}`,
      )
      const ids = [...first.body.data, ...second.body.data].map((c) => c.id)
      expect(new Set(ids).size).toBe(4)
      expect(first.body.total_count).toBe(fake.state.contacts.size)
      expect((await call('GET', '/contacts?per_page=500')).status).toBe(400)
    })

    it('refuses a second attribute of the same name', async () => {
      const again = await call('POST', '/data_attributes', {
        name: 'referral_count',
        model: 'contact',
        data_type: 'integer',
      })
      expect(again.status).toBe(400)
      expect(again.body.errors[0]).toMatchObject({ code: 'parameter_invalid' })
      expect(again.body.errors[0]?.message).toContain('already exists')
      const badType = await call('POST', '/data_attributes', {
        name: 'x',
        model: 'contact',
        data_type: 'money',
      })
      expect(badType.status).toBe(400)
    })
  })

  describe('search', () => {
    it('pages a segment 150 at a time and refuses more than 150 a page', async () => {
      const other = await startFakeIntercom()
      try {
        other.controls.seedContacts(20_000, { segments: ['Customers', 'Trials'] })
        const customers = [...other.state.segments.values()].find((s) => s.name === 'Customers')
        const query = {
          operator: 'AND',
          value: [
            { field: 'segment_id', operator: '=', value: customers?.id },
            { field: 'role', operator: '=', value: 'user' },
          ],
        }
        const search = (pagination: Record<string, unknown>) =>
          fetch(`${other.url}/contacts/search`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${other.accessToken}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              query,
              pagination,
              sort: { field: 'updated_at', order: 'ascending' },
            }),
          })
        expect((await search({ per_page: 151 })).status).toBe(400)
        const ids = new Set<string>()
        let cursor: string | undefined
        let pages = 0
        do {
          const page = (await (
            await search({ per_page: 150, starting_after: cursor })
          ).json()) as FakeBody
          expect(page.total_count).toBe(10_000)
          for (const c of page.data) ids.add(c.id)
          cursor = page.pages.next?.starting_after
          pages += 1
        } while (cursor && pages < 100)
        expect(pages).toBe(67)
        expect(ids.size).toBe(10_000)
      } finally {
        await other.close()
      }
    })

    it('filters by updated_at and custom attributes, with OR groups', async () => {
      const a = fake.controls.addContact({ role: 'lead', email: 'sa@example.com', updated_at: 100 })
      fake.controls.addContact({
        role: 'lead',
        email: 'sb@example.com',
        updated_at: 50,
        custom_attributes: { referral_count: 9 },
      })
      const response = await call('POST', '/contacts/search', {
        query: {
          operator: 'OR',
          value: [
            {
              operator: 'AND',
              value: [
                { field: 'updated_at', operator: '>', value: 99 },
                { field: 'updated_at', operator: '<', value: 101 },
              ],
            },
            { field: 'custom_attributes.referral_count', operator: '=', value: 9 },
          ],
        },
      })
      expect(response.body.data.map((c: { email: string }) => c.email).sort()).toEqual([
        'sa@example.com',
        'sb@example.com',
      ])
      expect(a.updated_at).toBe(100)
      const unknownField = await call('POST', '/contacts/search', {
        query: { field: 'shoe_size', operator: '=', value: 1 },
      })
      expect(unknownField.status).toBe(400)
    })
  })

  describe('rate limits', () => {
    it('sends the rate-limit headers and answers 429 past limit/6 per 10-second window', async () => {
      const small = await startFakeIntercom({
        rateLimitPerMinute: 60,
        now: () => 1_800_000_000_000,
      })
      try {
        const statuses: number[] = []
        let last: Response | undefined
        for (let i = 0; i < 11; i += 1) {
          last = await fetch(`${small.url}/segments`, {
            headers: { authorization: `Bearer ${small.accessToken}` },
          })
          statuses.push(last.status)
          if (i === 0) expect(last.headers.get('x-ratelimit-remaining')).toBe('9')
        }
        expect(statuses.filter((s) => s === 200)).toHaveLength(10)
        expect(statuses.at(-1)).toBe(429)
        expect(last?.headers.get('x-ratelimit-limit')).toBe('60')
        expect(last?.headers.get('x-ratelimit-remaining')).toBe('0')
        expect(last?.headers.get('x-ratelimit-reset')).toBe(String(1_800_000_010))
        expect(((await last?.json()) as FakeBody).errors[0]?.code).toBe('rate_limit_exceeded')
      } finally {
        await small.close()
      }
    })
  })

  describe('events and webhooks', () => {
    let receiver: Server
    const received: { body: string; signature: string | undefined }[] = []

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          received.push({
            body: Buffer.concat(chunks).toString(),
            signature: req.headers['x-hub-signature'] as string,
          })
          res.end('ok')
        })
      })
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    })
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

    it('signs a contact.*.updated notification with HMAC-SHA1 of the raw body', async () => {
      const address = receiver.address() as { port: number }
      const hooked = await startFakeIntercom({
        workspaceId: 'ws_hooks',
        webhookTarget: { url: `http://127.0.0.1:${address.port}/hook`, secret: 'shh' },
      })
      try {
        hooked.controls.defineAttribute('referral_code', 'string')
        const contact = hooked.controls.addContact({ role: 'lead', email: 'hook@example.com' })
        hooked.controls.updateContact(contact.id, { custom_attributes: { referral_code: 'abc' } })
        await hooked.controls.flushWebhooks()
        expect(received).toHaveLength(2)
        const update = received[1]
        const expected = `sha1=${createHmac('sha1', 'shh')
          .update(update?.body ?? '')
          .digest('hex')}`
        expect(update?.signature).toBe(expected)
        const body = JSON.parse(update?.body ?? '{}')
        expect(body).toMatchObject({
          type: 'notification_event',
          topic: 'contact.lead.updated',
          app_id: 'ws_hooks',
          data: { item: { id: contact.id, custom_attributes: { referral_code: 'abc' } } },
        })
        expect(JSON.parse(received[0]?.body ?? '{}').topic).toBe('contact.lead.created')
      } finally {
        await hooked.close()
      }
    })

    it('accepts a data event with 202 and refuses an unknown contact with 404', async () => {
      const contact = fake.controls.addContact({ role: 'lead', email: 'ev@example.com' })
      const body = { event_name: 'invited-friend', created_at: 1_790_000_000, id: contact.id }
      expect((await call('POST', '/events', body)).status).toBe(202)
      expect((await call('POST', '/events', body)).status).toBe(202)
      expect(fake.state.events.filter((e) => e.contact_id === contact.id)).toHaveLength(1)
      expect((await call('POST', '/events', { ...body, id: 'nobody' })).status).toBe(404)
    })
  })
})
