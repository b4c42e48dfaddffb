import { Writable } from 'node:stream'
import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportCsv } from '../../src/export/export-csv.js'
import { sql } from 'kysely'
import { campaignAnalytics, lastDays, revenueByCurrency } from '../../src/ledger/admin/analytics.js'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { recordShareEvent } from '../../src/ledger/share-events.js'
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

  it('gives the funnel, the campaign split, revenue per currency and share channels, for a custom range', async () => {
    const { workspaceId, top } = await program()
    const db = sut.ctx.db
    const campaignId = top.referrer.campaignId
    for (const channel of ['sheet', 'sheet', 'x', 'email'] as const)
      await recordShareEvent(db, { workspaceId, campaignId, referrerId: top.referrer.id, channel })
    await db
      .insertInto('stripe_connections')
      .values({
        workspace_id: workspaceId,
        secret_key_ciphertext: 'x',
        webhook_secret_ciphertext: 'x',
        key_hint: 'sk_test_…4242',
        account_id: null,
        account_name: null,
        livemode: false,
        verified_at: null,
      })
      .execute()
    const invoices: [string, number, number][] = [
      ['USD', 4900, 0],
      ['USD', 2500, 500],
      ['EUR', 1000, 0],
    ]
    for (const [i, [currency, paid, lost]] of invoices.entries())
      await db
        .insertInto('billing_invoices')
        .values({
          workspace_id: workspaceId,
          invoice_id: `in_${i}`,
          referral_id: top.referrals[0]!.id,
          currency,
          paid_minor: paid,
          net_minor: paid,
          lost_minor: lost,
          paid_at: new Date(),
          customer_id: null,
          charge_id: null,
          payment_intent_id: null,
          commission_reward_id: null,
          commission_minor: null,
        })
        .execute()
    const today = new Date().toISOString().slice(0, 10)
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/analytics`)
      .query({ from: '2026-01-01', to: today, campaignId })
      .set(BEARER)
    expect(res.status).toBe(200)
    expect(res.body.funnel).toEqual([
      { step: 'linkViews', count: 1, rateFromPrevious: null },
      { step: 'clicks', count: 3, rateFromPrevious: 3 },
      { step: 'joined', count: 4, rateFromPrevious: 4 / 3 },
      { step: 'converted', count: 2, rateFromPrevious: 0.5 },
    ])
    expect(res.body.campaigns).toEqual([
      { campaignId, name: expect.any(String), linkViews: 1, clicks: 3, joined: 4, converted: 2 },
    ])
    // Never summed across currencies.
    expect(res.body.revenue).toEqual({
      stripeConnected: true,
      currencies: [
        { currency: 'EUR', invoices: 1, paidMinor: 1000, lostMinor: 0 },
        { currency: 'USD', invoices: 2, paidMinor: 7400, lostMinor: 500 },
      ],
    })
    expect(res.body.channels).toEqual([
      { channel: 'sheet', shares: 1 },
      { channel: 'copy', shares: 0 },
      { channel: 'email', shares: 1 },
      { channel: 'x', shares: 1 },
      { channel: 'linkedin', shares: 0 },
      { channel: 'whatsapp', shares: 0 },
    ])
    // The page and the API read the same figures.
    const direct = await campaignAnalytics(db, workspaceId, { ...lastDays(7), campaignId })
    expect(direct.revenue).toEqual(res.body.revenue)

    const other = await newWorkspace(db)
    expect(await revenueByCurrency(db, other.workspaceId, lastDays(30))).toEqual([])
    const backwards = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/analytics`)
      .query({ from: today, to: '2026-01-01' })
      .set(BEARER)
    expect(backwards.status).toBe(400)
    expect(backwards.body.error.fields[0].path).toBe('to')
  })

  it('reads every table by workspace and time through an index (EXPLAIN on the embedded database)', async () => {
    const db = sut.ctx.db
    const range = lastDays(30)
    const plans: string[] = []
    await db.connection().execute(async (conn) => {
      // Tiny test tables make a sequential scan cheapest; switching it off shows which index the
      // planner has for these queries, as it would choose on a large table.
      await sql`set enable_seqscan = off`.execute(conn)
      try {
        for (const query of [
          sql`select count(*) from referrals where workspace_id = 'w' and created_at >= ${range.from} and created_at < ${range.to}`,
          sql`select count(*) from referrals where workspace_id = 'w' and status = 'qualified' and qualified_at >= ${range.from} and qualified_at < ${range.to}`,
          sql`select count(*) from link_clicks where workspace_id = 'w' and clicked_at >= ${range.from} and clicked_at < ${range.to}`,
          sql`select count(*) from share_events where workspace_id = 'w' and created_at >= ${range.from} and created_at < ${range.to}`,
          sql`select currency, sum(paid_minor) from billing_invoices where workspace_id = 'w' and paid_at >= ${range.from} and paid_at < ${range.to} group by 1`,
        ]) {
          const result = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(conn)
          plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'))
        }
      } finally {
        await sql`reset enable_seqscan`.execute(conn)
      }
    })
    const indexes = [
      'referrals_workspace_time',
      'referrals_workspace_qualified',
      'link_clicks_workspace_time',
      'share_events_workspace_time',
      'billing_invoices_workspace_paid',
    ]
    for (const [i, name] of indexes.entries()) expect(plans[i], plans[i]).toContain(name)
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
