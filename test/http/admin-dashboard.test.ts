import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, referrerWithFriends, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin dashboard pages', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  it('offers both sign-ins when not signed in, and redirects deeper pages there', async () => {
    const res = await supertest(sut.app).get('/admin')
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/<label for="key">\s*Admin API key\s*<\/label\s*>/)
    expect(res.text).toContain('href="/intercom/install?purpose=admin"')
    const deep = await supertest(sut.app).get('/admin/w/ws_any/rewards')
    expect(deep.status).toBe(303)
    expect(deep.headers.location).toBe('/admin')
  })

  it('signs the operator in with the key into an HttpOnly, SameSite cookie', async () => {
    const wrong = await supertest(sut.app).post('/admin/sign-in').type('form').send({ key: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.text).toContain('That key is not correct.')
    const right = await supertest(sut.app)
      .post('/admin/sign-in')
      .type('form')
      .send({ key: ADMIN_KEY })
    expect(right.status).toBe(303)
    const cookie = right.headers['set-cookie']?.[0] ?? ''
    expect(cookie).toMatch(/^referrals_operator=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Secure/) // PUBLIC_URL is https in tests
  })

  it('stops guessing the key after 10 wrong attempts from one address', async () => {
    const guessing = await testApp()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await supertest(guessing.app)
        .post('/admin/sign-in')
        .type('form')
        .send({ key: `guess-${i}` })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it("shows a workspace admin their own pages and a 404 for another workspace's", async () => {
    const mine = await newWorkspace(sut.ctx.db)
    const theirs = await newWorkspace(sut.ctx.db)
    const { referrer } = await referrerWithFriends(
      sut.ctx.db,
      theirs.workspaceId,
      1,
      'Secret Person',
    )
    const cookie = sessionCookie(sut.ctx.config, mine.workspaceId)
    const home = await supertest(sut.app).get('/admin').set(cookie)
    expect(home.headers.location).toBe(`/admin/w/${mine.workspaceId}`)
    for (const path of [
      '',
      '/referrers',
      '/referrals',
      '/rewards',
      '/campaigns',
      `/campaigns/${theirs.campaign.id}`,
    ]) {
      const res = await supertest(sut.app).get(`/admin/w/${theirs.workspaceId}${path}`).set(cookie)
      expect(res.status, path).toBe(404)
      expect(res.text).not.toContain('Secret Person')
      expect(res.text).not.toContain(referrer.code)
    }
    const own = await supertest(sut.app).get(`/admin/w/${mine.workspaceId}/referrers`).set(cookie)
    expect(own.status).toBe(200)
  })

  it('renders every page with scripts only from files (a strict CSP works) and escaped data', async () => {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    await referrerWithFriends(
      sut.ctx.db,
      workspaceId,
      2,
      '<img src=x onerror=alert(1)> Evil',
      'evil@example.com',
    )
    const cookie = sessionCookie(sut.ctx.config, workspaceId)
    for (const path of [
      '',
      '/campaigns',
      `/campaigns/${campaign.id}`,
      '/referrers',
      '/referrals',
      '/rewards',
      '/sync',
    ]) {
      const res = await supertest(sut.app).get(`/admin/w/${workspaceId}${path}`).set(cookie)
      expect(res.status, path).toBe(200)
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(res.text).not.toMatch(/<[^>]*\son[a-z]+=/i)
      expect(res.text).not.toContain('<img')
    }
    const js = await supertest(sut.app).get('/admin/assets/admin.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toContain('javascript')
  })

  it('filters referrers by the search box', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    await referrerWithFriends(sut.ctx.db, workspaceId, 0, 'Findable Fran')
    await referrerWithFriends(sut.ctx.db, workspaceId, 0, 'Hidden Hal')
    const res = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}/referrers`)
      .query({ q: 'fran' })
      .set(sessionCookie(sut.ctx.config, workspaceId))
    expect(res.text).toContain('Findable Fran')
    expect(res.text).not.toContain('Hidden Hal')
  })
})
