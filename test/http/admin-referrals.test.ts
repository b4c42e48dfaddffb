import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEARER, referrerWithFriends } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

describe('admin API: referrers and referrals', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  describe('referrers', () => {
    it('searches by email, code and name', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const { referrer: ada } = await newReferrer(
        sut.ctx.db,
        workspaceId,
        'Ada Lovelace',
        'ada@math.example',
      )
      await newReferrer(sut.ctx.db, workspaceId, 'Grace Hopper', 'grace@navy.example')
      const search = async (q: string) => {
        const res = await supertest(sut.app)
          .get(`/api/v1/workspaces/${workspaceId}/referrers`)
          .query({ q })
          .set(BEARER)
        expect(res.status).toBe(200)
        return res.body.items.map((r: { name: string }) => r.name)
      }
      expect(await search('math.example')).toEqual(['Ada Lovelace'])
      expect(await search(ada.code.toUpperCase())).toEqual(['Ada Lovelace'])
      expect(await search('hopp')).toEqual(['Grace Hopper'])
      expect(await search('%')).toEqual([])
    })

    it('pages with a cursor, newest first, without repeats or gaps', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const made = []
      for (let i = 0; i < 5; i++)
        made.push((await newReferrer(sut.ctx.db, workspaceId, `P${i} X`)).referrer.id)
      const seen: string[] = []
      let cursor: string | undefined
      let pages = 0
      do {
        const res = await supertest(sut.app)
          .get(`/api/v1/workspaces/${workspaceId}/referrers`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(BEARER)
        expect(res.status).toBe(200)
        seen.push(...res.body.items.map((r: { id: string }) => r.id))
        cursor = res.body.nextCursor ?? undefined
        pages++
      } while (cursor)
      expect(pages).toBe(3)
      expect(seen).toEqual([...made].reverse())
    })

    it('answers 400 for a forged cursor or a limit out of range', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/referrers`)
        .query({ cursor: 'garbage', limit: 0 })
        .set(BEARER)
      expect(res.status).toBe(400)
      expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'cursor',
        'limit',
      ])
    })
  })

  describe('referrals', () => {
    it('creates a referral with source api, counted on the referrer', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const { referrer } = await newReferrer(sut.ctx.db, workspaceId)
      const res = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/referrals`)
        .set(BEARER)
        .send({
          referrer: { code: referrer.code },
          friend: { email: 'pal@friends.example', name: 'Pal' },
        })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        source: 'api',
        status: 'pending',
        created: true,
        referrerCode: referrer.code,
        friendEmail: 'pal@friends.example',
      })
      const again = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/referrals`)
        .set(BEARER)
        .send({ referrer: { code: referrer.code }, friend: { email: 'pal@friends.example' } })
      expect(again.body).toMatchObject({ id: res.body.id, created: false })
      const row = await sut.ctx.db
        .selectFrom('referrers')
        .select('referral_count')
        .where('id', '=', referrer.id)
        .executeTakeFirstOrThrow()
      expect(row.referral_count).toBe(1)
    })

    it('answers 400 naming the fields of a bad referral', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/referrals`)
        .set(BEARER)
        .send({ referrer: { code: '' }, friend: { email: 'nope' } })
      expect(res.status).toBe(400)
      const paths = res.body.error.fields.map((f: { path: string }) => f.path)
      expect(paths).toContain('friend.email')
    })

    it('answers a self-referral with a 4xx and a message, not a 500', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const { referrer } = await newReferrer(
        sut.ctx.db,
        workspaceId,
        'Sam Self',
        'sam@self.example',
      )
      const res = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/referrals`)
        .set(BEARER)
        .send({ referrer: { code: referrer.code }, friend: { email: 'sam+2@self.example' } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.body.error.message).toEqual(expect.any(String))
    })

    it('filters by status, qualifies and rejects with the counters following', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 3)
      const base = `/api/v1/workspaces/${workspaceId}/referrals`
      const q = await supertest(sut.app)
        .post(`${base}/${referrals[0]!.id}/qualify`)
        .set(BEARER)
        .send({})
      expect(q.status).toBe(200)
      expect(q.body).toMatchObject({ status: 'qualified', changed: true })
      const noReason = await supertest(sut.app)
        .post(`${base}/${referrals[1]!.id}/reject`)
        .set(BEARER)
        .send({})
      expect(noReason.status).toBe(400)
      expect(noReason.body.error.fields[0].path).toBe('reason')
      const r = await supertest(sut.app)
        .post(`${base}/${referrals[1]!.id}/reject`)
        .set(BEARER)
        .send({ reason: 'duplicate account' })
      expect(r.body).toMatchObject({ status: 'rejected', statusReason: 'duplicate account' })

      const pending = await supertest(sut.app).get(base).query({ status: 'pending' }).set(BEARER)
      expect(pending.body.items.map((x: { id: string }) => x.id)).toEqual([referrals[2]!.id])
      const bad = await supertest(sut.app).get(base).query({ status: 'maybe' }).set(BEARER)
      expect(bad.status).toBe(400)
      const counters = await sut.ctx.db
        .selectFrom('referrers')
        .select(['pending_count', 'converted_count', 'rejected_count'])
        .where('id', '=', referrer.id)
        .executeTakeFirstOrThrow()
      expect(counters).toEqual({ pending_count: 1, converted_count: 1, rejected_count: 1 })
    })
  })
})
