import supertest from 'supertest'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

describe('per-IP rate limits across instances', () => {
  it('holds when one client spreads its requests over two app instances on one database', async () => {
    const { ctx } = await testApp()
    const limits = { rateLimits: { referralLinks: { limit: 4, windowMs: 60_000 } } }
    // Two stateless instances, as behind a load balancer: nothing shared but the database.
    const first = createApp(ctx, limits)
    const second = createApp(ctx, limits)
    const { workspaceId } = await newWorkspace(ctx.db)
    const { referrer } = await newReferrer(ctx.db, workspaceId)
    const path = `/r/${referrer.code}`

    // One address, four browsers on it (a visitor is address and user agent: each counts once).
    const visit = (app: typeof first, n: number) =>
      supertest(app).get(path).set('user-agent', `browser ${n}`)
    await visit(first, 1).expect(303)
    await visit(second, 2).expect(303)
    await visit(first, 3).expect(303)
    const last = await visit(second, 4).expect(303)
    expect(last.headers['ratelimit']).toContain('remaining=0')
    const refused = await visit(first, 5).expect(429)
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' })
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    await visit(second, 6).expect(429)

    // Only the four allowed visits were counted as clicks: refused ones never reached the ledger.
    const counted = await ctx.db
      .selectFrom('referrers')
      .select('click_count')
      .where('id', '=', referrer.id)
      .executeTakeFirstOrThrow()
    expect(counted.click_count).toBe(4)
  })

  it('starts a fresh window once the old one is over', async () => {
    const { ctx } = await testApp()
    const limits = { rateLimits: { referralLinks: { limit: 1, windowMs: 1_000 } } }
    const first = createApp(ctx, limits)
    const second = createApp(ctx, limits)
    await supertest(first).get('/r/unknown-code').expect(404)
    await supertest(second).get('/r/unknown-code').expect(429)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    await supertest(second).get('/r/unknown-code').expect(404)
  })
})
