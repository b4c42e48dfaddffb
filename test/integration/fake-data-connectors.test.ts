import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'

// The fake's Data Connectors API against its reference (2.16): what the app relies on, checked
// here directly so a change to the fake cannot quietly loosen it.
describe('fake Intercom: Data Connectors API', () => {
  let fake: FakeIntercom
  const call = (method: string, path: string, body?: unknown, version = '2.16', token?: string) =>
    fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token ?? fake.accessToken}`,
        'intercom-version': version,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  beforeAll(async () => {
    fake = await startFakeIntercom({ workspaceId: 'wsfakedc' })
  })
  afterAll(async () => {
    await fake.close()
  })

  it('creates drafts, lists them newest first with a cursor, updates, deletes', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i += 1) {
      const response = await call('POST', '/data_connectors', {
        name: `Connector ${i}`,
        state: 'live',
        url: 'https://example.test/x',
        http_method: 'post',
      })
      expect(response.status).toBe(201)
      const created = (await response.json()) as { id: string; state: string }
      expect(created.state).toBe('draft')
      ids.push(created.id)
    }
    const seen: string[] = []
    let after: string | undefined
    for (;;) {
      const query = `per_page=2${after ? `&starting_after=${encodeURIComponent(after)}` : ''}`
      const page = (await (await call('GET', `/data_connectors?${query}`)).json()) as {
        data: Array<{ id: string }>
        pages: { next?: { starting_after: string } }
      }
      seen.push(...page.data.map((c) => c.id))
      after = page.pages.next?.starting_after
      if (!after) break
    }
    expect(seen).toHaveLength(5)
    expect(new Set(seen).size).toBe(5)
    expect((await call('GET', '/data_connectors?starting_after=bogus')).status).toBe(400)
    expect((await call('GET', '/data_connectors?per_page=51')).status).toBe(400)

    const patched = await call('PATCH', `/data_connectors/${ids[0]}`, { description: 'new' })
    expect(await patched.json()).toMatchObject({ description: 'new', state: 'draft' })
    const listed = (await (await call('GET', '/data_connectors?per_page=1')).json()) as {
      data: Array<{ id: string }>
    }
    expect(listed.data[0]?.id).toBe(ids[0])

    fake.controls.markDataConnectorInUse(ids[1] ?? '')
    const inUse = await call('DELETE', `/data_connectors/${ids[1]}`)
    expect(inUse.status).toBe(409)
    expect(await inUse.json()).toMatchObject({ errors: [{ code: 'data_connector_in_use' }] })
    expect((await call('DELETE', `/data_connectors/${ids[2]}`)).status).toBe(200)
    const gone = await call('GET', `/data_connectors/${ids[2]}`)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toMatchObject({ errors: [{ code: 'data_connector_not_found' }] })
  })

  it('checks the version, the token and the scope', async () => {
    expect((await call('GET', '/data_connectors', undefined, '2.14')).status).toBe(404)
    expect((await call('GET', '/data_connectors', undefined, '2.16', 'nope')).status).toBe(401)
    const token = fake.controls.issueToken()
    fake.controls.setTokenScopes(token, ['read_users'])
    const refused = await call('GET', '/data_connectors', undefined, '2.16', token)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({
      errors: [
        { code: 'forbidden', message: expect.stringContaining('read_write_data_connectors') },
      ],
    })
    const invalid = await call('POST', '/data_connectors', { description: 'no name' })
    expect(invalid.status).toBe(422)
  })
})
