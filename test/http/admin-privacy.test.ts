import type { Express } from 'express'
import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { BEARER, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { ledgerCounts, scanDatabase, seedPerson } from '../support/privacy.js'

describe('admin API: privacy', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  it('erases a person by API: nothing left that names them, counts unchanged, links answer 410', async () => {
    const jane = await seedPerson(ctx.db)
    const before = await ledgerCounts(ctx.db, jane.workspaceId)
    await supertest(app).get(`/r/${jane.code}`).expect(303)
    const clicks = (await ledgerCounts(ctx.db, jane.workspaceId)).clicks
    const api = `/api/v1/workspaces/${jane.workspaceId}/privacy/erase`

    const res = await supertest(app)
      .post(api)
      .set(BEARER)
      .send({ email: jane.email, reason: 'Subject-access request #42' })
      .expect(200)
    expect(res.body).toEqual({ status: 'erased', participantId: jane.participantId })

    expect(await scanDatabase(ctx.db, [jane.email, jane.name, jane.contactId, jane.code])).toEqual(
      [],
    )
    expect(await ledgerCounts(ctx.db, jane.workspaceId)).toEqual({
      ...before,
      clicks,
      referrers: before.referrers.map((r) =>
        r.id === jane.referrerId ? { ...r, click_count: r.click_count + 1 } : r,
      ),
    })
    const gone = await supertest(app).get(`/r/${jane.code}`).expect(410)
    expect(gone.text).toContain('no longer active')
    await supertest(app).get(`/r/${jane.code.toUpperCase()}/welcome`).expect(410)

    const again = await supertest(app)
      .post(api)
      .set(BEARER)
      .send({ contactId: jane.contactId })
      .expect(200)
    expect(again.body).toEqual({ status: 'already_erased', participantId: null })
    // An erased person has nothing left to export.
    await supertest(app)
      .get(`/api/v1/workspaces/${jane.workspaceId}/privacy/export`)
      .query({ email: jane.email })
      .set(BEARER)
      .expect(404)
  })

  it('exports a person as one JSON download, to a signed-in admin of that workspace only', async () => {
    const jane = await seedPerson(ctx.db)
    const path = `/api/v1/workspaces/${jane.workspaceId}/privacy/export`
    const res = await supertest(app)
      .get(path)
      .query({ contactId: jane.contactId })
      .set(sessionCookie(ctx.config, jane.workspaceId))
      .expect(200)
    expect(res.headers['content-disposition']).toContain('attachment')
    expect(res.body).toMatchObject({
      format: 'referrals-person-export/1',
      workspaceId: jane.workspaceId,
      person: { id: jane.participantId, email: jane.email, contact_id: jane.contactId },
    })
    expect(res.body.referrers).toHaveLength(1)
    expect(res.body.rewards).toHaveLength(3)
    const other = await seedPerson(ctx.db)
    await supertest(app)
      .get(`/api/v1/workspaces/${other.workspaceId}/privacy/export`)
      .query({ contactId: other.contactId })
      .set(sessionCookie(ctx.config, jane.workspaceId))
      .expect(404)
  })

  it('answers a request that names nobody with a 400 that says what is missing', async () => {
    const jane = await seedPerson(ctx.db)
    const res = await supertest(app)
      .post(`/api/v1/workspaces/${jane.workspaceId}/privacy/erase`)
      .set(BEARER)
      .send({ reason: 'nobody named' })
      .expect(400)
    expect(res.body.error.message).toContain('participantId, contactId or email')
    const unknown = await supertest(app)
      .post(`/api/v1/workspaces/${jane.workspaceId}/privacy/erase`)
      .set(BEARER)
      .send({ email: 'nobody@example.net' })
      .expect(200)
    expect(unknown.body).toEqual({ status: 'not_found', participantId: null })
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await supertest(app).get('/api/openapi.json').expect(200)).body
    expect(doc.paths['/workspaces/{workspaceId}/privacy/erase'].post.operationId).toBe(
      'erasePerson',
    )
    expect(doc.paths['/workspaces/{workspaceId}/privacy/export'].get.operationId).toBe(
      'exportPerson',
    )
  })
})
