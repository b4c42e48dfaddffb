import { Writable } from 'node:stream'
import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportCsv } from '../../src/export/export-csv.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { BEARER, pendingReward, referrerWithFriends } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'

describe('admin API: analytics and CSV export', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  async function program() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    const top = await referrerWithFriends(sut.ctx.db, workspaceId, 3, 'Top Referrer')
    const second = await referrerWithFriends(sut.ctx.db, workspaceId, 1, 'Second Place')
    await qualifyReferral(sut.ctx.db, {
      workspaceId,
      referralId: top.referrals[0]!.id,
      actor: SYSTEM,
    })
    await qualifyReferral(sut.ctx.db, {
      workspaceId,
      referralId: top.referrals[1]!.id,
      actor: SYSTEM,
    })
    await pendingReward(sut.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      participantId: top.referrer.participantId,
    })
    for (const code of [top.referrer, top.referrer, second.referrer]) {
      await sut.ctx.db
        .insertInto('link_clicks')
        .values({
          workspace_id: workspaceId,
          campaign_id: campaign.id,
          code_id: (
            await sut.ctx.db
              .selectFrom('referral_codes')
              .select('id')
              .where('referrer_id', '=', code.id)
              .executeTakeFirstOrThrow()
          ).id,
          referrer_id: code.id,
        })
        .execute()
    }
    return { workspaceId, top, second }
  }

  it('counts clicks, sign-ups, qualified, conversion and rewards, with a leaderboard, sources and a daily series', async () => {
    const { workspaceId, top, second } = await program()
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/analytics`)
      .query({ days: 7 })
      .set(BEARER)
    expect(res.status).toBe(200)
    expect(res.body.totals).toEqual({
      clicks: 3,
      signUps: 4,
      qualified: 2,
      conversionRate: 0.5,
      rewardsIssued: 1,
    })
    expect(res.body.leaderboard.map((l: { code: string }) => l.code)).toEqual([
      top.referrer.code,
      second.referrer.code,
    ])
    expect(res.body.leaderboard[0]).toMatchObject({ referralCount: 3, convertedCount: 2 })
    expect(res.body.sources).toEqual(
      expect.arrayContaining([
        { source: 'link', signUps: 3, qualified: 1 },
        { source: 'invite', signUps: 1, qualified: 1 },
      ]),
    )
    expect(res.body.series).toHaveLength(7)
    const today = res.body.series[6]
    expect(today).toEqual({
      day: new Date().toISOString().slice(0, 10),
      clicks: 3,
      signUps: 4,
      qualified: 2,
      rewardsIssued: 1,
    })
  })

  it('answers 400 for a range out of bounds', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/analytics`)
      .query({ days: 0 })
      .set(BEARER)
    expect(res.status).toBe(400)
    expect(res.body.error.fields[0].path).toBe('days')
  })

  it('exports referrals as CSV with every row and the formula guard', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    const { referrer } = await referrerWithFriends(sut.ctx.db, workspaceId, 3, '=cmd Evil')
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/exports/referrals.csv`)
      .set(BEARER)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toBe(
      'id,campaign_id,status,source,referrer_code,referrer_email,friend_email,friend_name,friend_contact_id,created_at,qualified_at,rejected_at',
    )
    expect(lines).toHaveLength(4)
    expect(lines.every((l, i) => i === 0 || l.includes(referrer.code))).toBe(true)

    const people = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/exports/referrers.csv`)
      .set(BEARER)
    expect(people.text).toContain(`,'=cmd Evil,`)
    expect(people.text.trim().split('\r\n')).toHaveLength(2)
  })

  it('streams the export page by page, waiting for a slow reader', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    await referrerWithFriends(sut.ctx.db, workspaceId, 5)
    const chunks: string[] = []
    // A reader that takes one small chunk at a time: the writer must wait for 'drain'.
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk, _enc, done) {
        chunks.push(String(chunk))
        setImmediate(done)
      },
    })
    const count = await exportCsv(sut.ctx.db, workspaceId, 'referrals', slow, 2)
    expect(count).toBe(5)
    // header, then pages of 2, 2 and 1 rows, each written as it arrived
    expect(chunks.map((c) => c.split('\r\n').length - 1)).toEqual([1, 2, 2, 1])
    const ids = chunks
      .slice(1)
      .join('')
      .trim()
      .split('\r\n')
      .map((l) => l.split(',')[0])
    expect(new Set(ids).size).toBe(5)
  })

  it('answers 400 for an unknown export kind', async () => {
    const { workspaceId } = await newWorkspace(sut.ctx.db)
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/exports/coupons.csv`)
      .set(BEARER)
    expect(res.status).toBe(400)
  })
})
