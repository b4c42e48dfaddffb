import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordDeadLetter } from '../../src/intercom/writeback/dead-letters.js'
import { BEARER, referrerWithFriends, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin API: sync runs, dead letters, coupon pools', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  describe('sync runs', () => {
    it('starts an import once, lists it with progress and shows it', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const base = `/api/v1/workspaces/${workspaceId}/sync-runs`
      const started = await supertest(sut.app).post(base).set(BEARER).send({})
      expect(started.status).toBe(202)
      expect(started.body).toMatchObject({ status: 'running', kind: 'full', progress: { done: 0 } })
      const again = await supertest(sut.app).post(base).set(BEARER).send({})
      expect(again.body.id).toBe(started.body.id)
      const list = await supertest(sut.app).get(base).set(BEARER)
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([started.body.id])
      const shown = await supertest(sut.app).get(`${base}/${started.body.id}`).set(BEARER)
      expect(shown.body.id).toBe(started.body.id)
    })

    it('answers 400 for a segment import without a segment, naming the setting', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      await supertest(sut.app)
        .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
        .set(BEARER)
        .send({ settings: { import: { source: 'segment' } } })
        .expect(200)
      const res = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/sync-runs`)
        .set(BEARER)
        .send({ kind: 'sideways' })
      expect(res.status).toBe(400)
      expect(res.body.error.fields[0].path).toBe('kind')
      const missing = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/sync-runs`)
        .set(BEARER)
        .send({})
      expect(missing.status).toBe(400)
      expect(missing.body.error.fields[0].path).toBe('import.segmentId')
    })

    it("keeps another workspace's runs out of reach", async () => {
      const mine = await newWorkspace(sut.ctx.db)
      const theirs = await newWorkspace(sut.ctx.db)
      const run = await supertest(sut.app)
        .post(`/api/v1/workspaces/${theirs.workspaceId}/sync-runs`)
        .set(BEARER)
        .send({})
      const cookie = sessionCookie(sut.ctx.config, mine.workspaceId)
      const guessed = await supertest(sut.app)
        .get(`/api/v1/workspaces/${mine.workspaceId}/sync-runs/${run.body.id}`)
        .set(cookie)
      expect(guessed.status).toBe(404)
    })
  })

  describe('dead letters', () => {
    it('lists refused write-backs and retries one, which queues a fresh write', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const { referrer } = await referrerWithFriends(sut.ctx.db, workspaceId, 0)
      await sut.ctx.db
        .deleteFrom('pending_contact_writes')
        .where('workspace_id', '=', workspaceId)
        .execute()
      await recordDeadLetter(sut.ctx.db, {
        workspaceId,
        participantId: referrer.participantId,
        contactId: 'contact_1',
        statusCode: 422,
        reason: 'attribute referral_count does not exist',
        attributes: { referral_count: 0 },
      })
      const base = `/api/v1/workspaces/${workspaceId}/dead-letters`
      const list = await supertest(sut.app).get(base).set(BEARER)
      expect(list.status).toBe(200)
      expect(list.body.items).toHaveLength(1)
      expect(list.body.items[0]).toMatchObject({
        statusCode: 422,
        participantId: referrer.participantId,
      })
      const retried = await supertest(sut.app)
        .post(`${base}/${list.body.items[0].id}/retry`)
        .set(BEARER)
        .send({})
      expect(retried.status).toBe(202)
      const pending = await sut.ctx.db
        .selectFrom('pending_contact_writes')
        .select('participant_id')
        .where('workspace_id', '=', workspaceId)
        .execute()
      expect(pending.map((p) => p.participant_id)).toEqual([referrer.participantId])
      expect((await supertest(sut.app).get(base).set(BEARER)).body.items).toEqual([])
      const twice = await supertest(sut.app)
        .post(`${base}/${list.body.items[0].id}/retry`)
        .set(BEARER)
        .send({})
      expect(twice.status).toBe(404)
      const bad = await supertest(sut.app).post(`${base}/abc/retry`).set(BEARER).send({})
      expect(bad.status).toBe(400)
    })
  })

  describe('coupon pools', () => {
    it('uploads codes (repeats skipped) and reports the pool', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const base = `/api/v1/workspaces/${workspaceId}/coupon-pools`
      const up = await supertest(sut.app)
        .post(`${base}/spring/codes`)
        .set(BEARER)
        .send({ codes: ['A-1', 'A-2', 'A-2'] })
      expect(up.status).toBe(201)
      expect(up.body).toEqual({
        added: 2,
        skipped: 1,
        status: { pool: 'spring', total: 2, available: 2, drawn: 0 },
      })
      const list = await supertest(sut.app).get(base).set(BEARER)
      expect(list.body.items).toEqual([{ pool: 'spring', total: 2, available: 2, drawn: 0 }])
      const one = await supertest(sut.app).get(`${base}/spring`).set(BEARER)
      expect(one.body.available).toBe(2)
      const empty = await supertest(sut.app)
        .post(`${base}/spring/codes`)
        .set(BEARER)
        .send({ codes: [] })
      expect(empty.status).toBe(400)
      expect(empty.body.error.fields[0].path).toBe('codes')
    })
  })
})
