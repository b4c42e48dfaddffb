import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEARER, pendingReward, referrerWithFriends } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin API: rewards', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  async function setup() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 2)
    const reward = await pendingReward(sut.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      participantId: referrer.participantId,
      referralId: referrals[0]!.id,
    })
    return { workspaceId, reward, base: `/api/v1/workspaces/${workspaceId}/rewards` }
  }

  it('lists the review queue (pending) with the recipient', async () => {
    const { reward, base } = await setup()
    const res = await supertest(sut.app).get(base).query({ status: 'pending' }).set(BEARER)
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({
      id: reward.id,
      status: 'pending',
      amountMinor: 1000,
      currency: 'USD',
      recipientName: 'Jane Doe',
    })
  })

  it('approves, then fulfils, recording who decided', async () => {
    const { reward, base, workspaceId } = await setup()
    const approved = await supertest(sut.app)
      .post(`${base}/${reward.id}/approve`)
      .set(BEARER)
      .send({})
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', changed: true })
    expect(approved.body.approvedAt).toEqual(expect.any(String))
    const fulfilled = await supertest(sut.app)
      .post(`${base}/${reward.id}/fulfil`)
      .set(BEARER)
      .send({})
    expect(fulfilled.body).toMatchObject({ status: 'fulfilled' })
    const events = await sut.ctx.db
      .selectFrom('events')
      .select(['type', 'actor_type'])
      .where('workspace_id', '=', workspaceId)
      .where('subject_id', '=', reward.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'reward.issued',
      'reward.approved',
      'reward.fulfilled',
    ])
    expect(events[1]!.actor_type).toBe('operator')
  })

  it('declines only with a reason, and refuses to approve a declined reward', async () => {
    const { reward, base } = await setup()
    const noReason = await supertest(sut.app)
      .post(`${base}/${reward.id}/decline`)
      .set(BEARER)
      .send({})
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: expect.any(String) }])
    const declined = await supertest(sut.app)
      .post(`${base}/${reward.id}/decline`)
      .set(BEARER)
      .send({ reason: 'fraud' })
    expect(declined.body).toMatchObject({ status: 'declined', statusReason: 'fraud' })
    const late = await supertest(sut.app).post(`${base}/${reward.id}/approve`).set(BEARER).send({})
    expect(late.status).toBe(422)
    expect(late.body.error.message).toContain('declined')
  })

  it('answers 400 for an unknown status filter and 404 for an unknown reward', async () => {
    const { base } = await setup()
    expect((await supertest(sut.app).get(base).query({ status: 'paid' }).set(BEARER)).status).toBe(
      400,
    )
    const missing = await supertest(sut.app)
      .post(`${base}/00000000-0000-4000-8000-000000000000/approve`)
      .set(BEARER)
      .send({})
    expect(missing.status).toBe(404)
  })
})
