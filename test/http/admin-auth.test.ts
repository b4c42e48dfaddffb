import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEARER, referrerWithFriends, sessionCookie } from '../support/admin.js'
import { createApp } from '../../src/app.js'
import { testApp, testConfig } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin API auth', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  describe('security', () => {
    it('answers 401 without credentials', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      for (const path of ['/api/v1/workspaces', `/api/v1/workspaces/${workspaceId}/campaigns`]) {
        const res = await supertest(sut.app).get(path)
        expect(res.status).toBe(401)
        expect(res.body.error.code).toBe('unauthorized')
      }
    })

    it('answers 401 for a wrong bearer key, even next to a valid session cookie', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns`)
        .set('Authorization', 'Bearer not-the-key-000000000')
        .set(sessionCookie(sut.ctx.config, workspaceId))
      expect(res.status).toBe(401)
    })

    it('answers 401 for a session cookie signed with another key', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const other = testConfig({ ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') })
      const res = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns`)
        .set(sessionCookie(other, workspaceId))
      expect(res.status).toBe(401)
    })

    it('keeps the admin API closed when ADMIN_API_KEY is unset', async () => {
      const closed = createApp({ ...sut.ctx, config: testConfig({ ADMIN_API_KEY: undefined }) })
      const res = await supertest(closed).get('/api/v1/workspaces').set(BEARER)
      expect(res.status).toBe(401)
    })

    it("never shows a workspace's admin another workspace's data, even with guessed ids", async () => {
      const mine = await newWorkspace(sut.ctx.db)
      const theirs = await newWorkspace(sut.ctx.db)
      const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, theirs.workspaceId, 1)
      const cookie = sessionCookie(sut.ctx.config, mine.workspaceId)
      const agent = supertest(sut.app)

      const list = await agent.get('/api/v1/workspaces').set(cookie)
      expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([mine.workspaceId])

      const base = `/api/v1/workspaces/${theirs.workspaceId}`
      for (const path of [
        '',
        '/campaigns',
        `/campaigns/${theirs.campaign.id}`,
        '/referrers',
        `/referrers/${referrer.id}`,
        '/referrals',
        `/referrals/${referrals[0]!.id}`,
        '/rewards',
        '/analytics',
        '/exports/referrals.csv',
      ]) {
        const res = await agent.get(base + path).set(cookie)
        expect(res.status, path).toBe(404)
        expect(JSON.stringify(res.body)).not.toContain(referrer.code)
      }
      const qualify = await agent
        .post(`${base}/referrals/${referrals[0]!.id}/qualify`)
        .set(cookie)
        .send({})
      expect(qualify.status).toBe(404)

      // Their ids inside my workspace's paths are simply not found.
      const mineBase = `/api/v1/workspaces/${mine.workspaceId}`
      expect(
        (await agent.get(`${mineBase}/campaigns/${theirs.campaign.id}`).set(cookie)).status,
      ).toBe(404)
      expect((await agent.get(`${mineBase}/referrers/${referrer.id}`).set(cookie)).status).toBe(404)
      expect(
        (await agent.get(`${mineBase}/referrals/${referrals[0]!.id}`).set(cookie)).status,
      ).toBe(404)
      const attempt = await agent
        .post(`${mineBase}/referrals/${referrals[0]!.id}/qualify`)
        .set(cookie)
        .send({})
      expect(attempt.status).toBe(404)
      const row = await sut.ctx.db
        .selectFrom('referrals')
        .select('status')
        .where('id', '=', referrals[0]!.id)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('pending')
      const searched = await agent
        .get(`${mineBase}/referrers`)
        .query({ q: referrer.code })
        .set(cookie)
      expect(searched.body.items).toEqual([])
    })

    it('lets the operator see every workspace', async () => {
      const a = await newWorkspace(sut.ctx.db)
      const b = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app).get('/api/v1/workspaces').set(BEARER)
      const ids = res.body.items.map((w: { id: string }) => w.id)
      expect(ids).toEqual(expect.arrayContaining([a.workspaceId, b.workspaceId]))
    })

    it('refuses a cookie-authenticated change that is not JSON (no cross-site forms)', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
        .set(sessionCookie(sut.ctx.config, workspaceId))
        .type('form')
        .send('name=Hijacked')
      expect(res.status).toBe(415)
    })
  })
})
