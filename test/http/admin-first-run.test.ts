import { sql } from 'kysely'
import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, csrfFor } from '../support/admin.js'
import { testApp } from '../support/app.js'

/** Requests with the operator's cookie (Secure, so set by hand: supertest speaks plain HTTP). */
async function signedIn({ app, ctx: { config } }: Awaited<ReturnType<typeof testApp>>) {
  const res = await supertest(app).post('/admin/sign-in').type('form').send({ key: ADMIN_KEY })
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!
  return {
    get: (url: string) => supertest(app).get(url).set('Cookie', cookie),
    post: (url: string) =>
      supertest(app).post(url).set('Cookie', cookie).set('X-CSRF-Token', csrfFor(config, cookie)),
  }
}

describe('the first run of the dashboard', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  it('says on the sign-in page where the admin key comes from', async () => {
    const res = await supertest(sut.app).get('/admin').expect(200)
    expect(res.text).toContain('<code>ADMIN_API_KEY</code>')
    expect(res.text).toMatch(/aria-describedby="key-help"/)
  })

  it('welcomes an operator on an empty server with both ways forward', async () => {
    const agent = await signedIn(sut)
    const res = await agent.get('/admin').expect(200)
    expect(res.text).toContain('<title>Welcome')
    expect(res.text).toContain('href="/intercom/install">Connect Intercom')
    expect(res.text).toContain('action="/admin/demo-workspace"')
  })

  it('gives the private-app steps, in plain words, when the server has no OAuth app', async () => {
    const privateOnly = await testApp({
      INTERCOM_CLIENT_ID: undefined,
      INTERCOM_CLIENT_SECRET: undefined,
    })
    const agent = await signedIn(privateOnly)
    const res = await agent.get('/admin').expect(200)
    expect(res.text).not.toContain('/intercom/install')
    expect(res.text).toContain('Developer Hub')
    expect(res.text).toContain('access token')
    // No environment variable names on a page, only ADMIN_API_KEY on the sign-in page.
    expect(res.text).not.toMatch(/INTERCOM_[A-Z_]+/)
  })

  it('creates a marked demo workspace with sample data, then removes every row of it', async () => {
    const agent = await signedIn(sut)
    const created = await agent.post('/admin/demo-workspace').expect(303)
    const location = String(created.headers.location)
    expect(location).toMatch(/^\/admin\/w\/demo-[0-9a-f]{8}$/)
    const workspaceId = decodeURIComponent(location.split('/').at(-1)!)

    const overview = await agent.get(location).expect(200)
    expect(overview.text).toContain('Demo workspace.')
    const count = async (table: string) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(
        sut.ctx.db,
      )
      return rows[0]!.n
    }
    expect(await count('referrers')).toBe(4)
    expect(await count('referrals')).toBe(6)
    expect(await count('rewards')).toBeGreaterThanOrEqual(3)
    expect(await count('link_clicks')).toBeGreaterThan(10)
    // Referrals opens on the demo's referral held for review; "All" lists everyone.
    const held = await agent.get(`${location}/referrals`).expect(200)
    expect(held.text).toContain('Held for review: The friend signed up from the same device')
    const referrals = await agent.get(`${location}/referrals?status=`).expect(200)
    expect(referrals.text).toContain('Grace Hopper')

    const list = await agent.get('/admin').expect(200)
    expect(list.text).toContain('Demo workspace (sample data)')
    expect(list.text).toContain('>Demo<')

    await agent.post(`/admin/demo-workspace/${workspaceId}/remove`).expect(303)
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id'`.execute(sut.ctx.db)
    for (const { table_name } of rows) expect(await count(table_name), table_name).toBe(0)
    const after = await agent.get('/admin').expect(200)
    expect(after.text).toContain('<title>Welcome')
  })

  it('removes only demo workspaces, and only for the operator', async () => {
    await supertest(sut.app).post('/admin/demo-workspace').expect(303).expect('location', '/admin')
    const agent = await signedIn(sut)
    await sut.ctx.db.insertInto('workspaces').values({ id: 'realws01', region: 'US' }).execute()
    await agent.post('/admin/demo-workspace/realws01/remove').expect(303)
    const still = await sut.ctx.db
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', 'realws01')
      .executeTakeFirst()
    expect(still?.id).toBe('realws01')
  })
})
