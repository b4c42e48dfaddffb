import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { pendingReward, referrerWithFriends, sessionCookie } from '../support/admin.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { testApp } from '../support/app.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'

// The people tools over HTTP: a referrer's page, bulk decisions (workspace-scoped, CSRF-checked,
// idempotent per id) and the CSV of the rewards list.
describe('dashboard people tools', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  async function setup() {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 3, 'Ada')
    const rewards = [
      await pendingReward(sut.ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        participantId: referrer.participantId,
        referralId: referrals[0]!.id,
      }),
      await pendingReward(sut.ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        participantId: referrer.participantId,
        referralId: referrals[1]!.id,
      }),
    ]
    const cookie = sessionCookie(sut.ctx.config, workspaceId)
    return { workspaceId, campaign, referrer, referrals, rewards, cookie }
  }

  it('shows a referrer’s page with friends, rewards and timeline; an unknown one is a 404 page', async () => {
    const { workspaceId, referrer, cookie } = await setup()
    const base = `/admin/w/${workspaceId}/referrers`
    const res = await supertest(sut.app).get(`${base}/${referrer.id}`).set(cookie)
    expect(res.status).toBe(200)
    expect(res.text).toContain('<h1>Ada</h1>')
    expect(res.text).toContain(`/r/${referrer.code}`)
    expect(res.text).toContain('Friend 2')
    expect(res.text).toContain('$10 credit')
    expect(res.text).toContain('A friend joined through them')
    expect(res.text).toContain('id="erase-form"')

    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const missing = await supertest(sut.app).get(`${base}/${id}`).set(cookie)
      expect(missing.status).toBe(404)
      expect(missing.text).toContain('That referrer was not found.')
    }
    // Another workspace's referrer is not found from this one.
    const other = await setup()
    const elsewhere = await supertest(sut.app).get(`${base}/${other.referrer.id}`).set(cookie)
    expect(elsewhere.status).toBe(404)
  })

  it('links names in the lists to the referrer’s page', async () => {
    const { workspaceId, referrer, cookie } = await setup()
    const href = `/admin/w/${workspaceId}/referrers/${referrer.id}`
    for (const list of ['referrers', 'referrals', 'rewards']) {
      const res = await supertest(sut.app).get(`/admin/w/${workspaceId}/${list}`).set(cookie)
      expect(res.text, list).toContain(`href="${href}"`)
    }
  })

  it('approves rewards in bulk: once each, skipping the decided, refusing other workspaces’ ids', async () => {
    const { workspaceId, rewards, cookie } = await setup()
    const other = await setup()
    const url = `/api/v1/workspaces/${workspaceId}/rewards/bulk-decisions`
    const ids = [rewards[0]!.id, rewards[1]!.id, other.rewards[0]!.id]
    const first = await supertest(sut.app).post(url).set(cookie).send({ action: 'approve', ids })
    expect(first.status).toBe(200)
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'done',
      'done',
      'not_found',
    ])
    expect(first.body.summary).toBe('2 approved, 1 reward not found.')
    const again = await supertest(sut.app)
      .post(url)
      .set(cookie)
      .send({ action: 'approve', ids: ids.slice(0, 2) })
    expect(again.body.summary).toBe('0 approved, 2 skipped because already decided.')
    const untouched = await sut.ctx.db
      .selectFrom('rewards')
      .select('status')
      .where('id', '=', other.rewards[0]!.id)
      .executeTakeFirstOrThrow()
    expect(untouched.status).toBe('pending')
    const approvals = await sut.ctx.db
      .selectFrom('events')
      .select('subject_id')
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'reward.approved')
      .execute()
    expect(approvals).toHaveLength(2)
  })

  it('rejects referrals in bulk only with a reason, in words beside the field', async () => {
    const { workspaceId, referrals, cookie } = await setup()
    const url = `/api/v1/workspaces/${workspaceId}/referrals/bulk-decisions`
    const ids = referrals.map((r) => r.id)
    const refused = await supertest(sut.app).post(url).set(cookie).send({ action: 'reject', ids })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('Say why')
    const empty = await supertest(sut.app)
      .post(url)
      .set(cookie)
      .send({ action: 'qualify', ids: [] })
    expect(JSON.stringify(empty.body)).toContain('Select at least one referral.')
    const done = await supertest(sut.app)
      .post(url)
      .set(cookie)
      .send({ action: 'reject', ids, reason: 'Test accounts' })
    expect(done.body.summary).toBe('3 rejected.')
    const stored = await sut.ctx.db
      .selectFrom('referrals')
      .select(['status', 'status_reason'])
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(stored).toEqual(Array(3).fill({ status: 'rejected', status_reason: 'Test accounts' }))
  })

  it('refuses a bulk decision without the page’s CSRF token', async () => {
    const { workspaceId, rewards, cookie } = await setup()
    const res = await supertest(sut.app)
      .post(`/api/v1/workspaces/${workspaceId}/rewards/bulk-decisions`)
      .set({ Cookie: cookie.Cookie })
      .send({ action: 'approve', ids: [rewards[0]!.id] })
    expect(res.status).toBe(403)
  })

  it('downloads the rewards list as CSV, amounts in major units, typed text guarded', async () => {
    const { workspaceId, referrer, cookie } = await setup()
    await sut.ctx.db
      .updateTable('participants')
      .set({ name: '=HYPERLINK("x")' })
      .where('id', '=', referrer.participantId)
      .execute()
    const page = await supertest(sut.app).get(`/admin/w/${workspaceId}/rewards`).set(cookie)
    expect(page.text).toContain(`/api/v1/workspaces/${workspaceId}/exports/rewards.csv`)
    const res = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/exports/rewards.csv`)
      .set(cookie)
    expect(res.status).toBe(200)
    const lines = res.text.trim().split('\r\n')
    expect(lines[0]).toContain('amount,currency')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(',10.00,USD,')
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`)
    for (const kind of ['payouts', 'sync-runs']) {
      const csv = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/exports/${kind}.csv`)
        .set(cookie)
      expect(csv.status, kind).toBe(200)
      expect(csv.text.split('\r\n')[0], kind).toMatch(/^id,/)
    }
  })

  it('opens Referrals on the referrals held for review when there are any, else on All', async () => {
    const { workspaceId, referrer, cookie } = await setup()
    const page = () => supertest(sut.app).get(`/admin/w/${workspaceId}/referrals`).set(cookie)
    const current = (text: string) =>
      /class="status-tabs"[\s\S]*?aria-current="page"\s*>([^<]+)/.exec(text)?.[1]?.trim()
    const nothingHeld = await page()
    expect(current(nothingHeld.text)).toBe('All')
    expect(nothingHeld.text).toContain('Friend 2')

    await attributeReferral(sut.ctx.db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { email: 'flagged@example.org', name: 'Flagged Friend' },
      source: 'link',
      actor: SYSTEM,
      reviewReason: 'The friend signed up from the same device as the referrer.',
    })
    const held = await page()
    expect(current(held.text)).toBe('Held for review')
    expect(held.text).toContain('Flagged Friend')
    expect(held.text).toContain('Held for review: The friend signed up from the same device')
    expect(held.text).not.toContain('Friend 2')
    // Counts per tab; "All" counts the held referral once.
    expect(held.text).toMatch(/Held for review\s*<span class="count">1</)
    expect(held.text).toMatch(/Pending\s*<span class="count">4</)
    expect(held.text).toMatch(/All\s*<span class="count">4</)
    const all = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}/referrals?status=`)
      .set(cookie)
    expect(current(all.text)).toBe('All')
    expect(all.text).toContain('Friend 2')
  })
})
