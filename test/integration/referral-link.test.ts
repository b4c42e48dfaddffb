import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { setVanityCode } from '../../src/ledger/referrers.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

let app: Express
let ctx: AppContext

beforeAll(async () => {
  ;({ app, ctx } = await testApp())
})

async function campaignWith(settings: Record<string, unknown>) {
  const { workspaceId, campaign } = await newWorkspace(ctx.db)
  await updateCampaign(ctx.db, { workspaceId, campaignId: campaign.id, settings, actor: SYSTEM })
  const { referrer } = await newReferrer(ctx.db, workspaceId, 'Jane Doe')
  return { workspaceId, campaign, referrer }
}

async function clicksOf(referrerId: string) {
  const referrer = await ctx.db
    .selectFrom('referrers')
    .select('click_count')
    .where('id', '=', referrerId)
    .executeTakeFirstOrThrow()
  const codes = await ctx.db
    .selectFrom('referral_codes')
    .select(['code', 'click_count'])
    .where('referrer_id', '=', referrerId)
    .execute()
  const rows = await ctx.db
    .selectFrom('link_clicks')
    .selectAll()
    .where('referrer_id', '=', referrerId)
    .execute()
  return { referrer: referrer.click_count, codes, rows }
}

describe('GET /r/:code', () => {
  describe('happy', () => {
    it('counts the click and redirects 303 to the destination with the code', async () => {
      const { referrer } = await campaignWith({
        destinationUrl: 'https://shop.example.com/signup?utm_source=referral',
      })
      const res = await request(app)
        .get(`/r/${referrer.code}`)
        .set('User-Agent', 'test-browser/1.0')
        .set('X-Forwarded-For', '203.0.113.9')
      expect(res.status).toBe(303)
      const location = new URL(res.headers.location!)
      expect(location.origin + location.pathname).toBe('https://shop.example.com/signup')
      expect(location.searchParams.get('ref')).toBe(referrer.code)
      expect(location.searchParams.get('utm_source')).toBe('referral')
      expect(res.headers['cache-control']).toBe('no-store')

      const clicks = await clicksOf(referrer.id)
      expect(clicks.referrer).toBe(1)
      expect(clicks.codes).toEqual([{ code: referrer.code, click_count: 1 }])
      expect(clicks.rows).toHaveLength(1)
      // A salted hash of the visitor, never the address itself.
      expect(clicks.rows[0]?.visitor_hash).toMatch(/^[0-9a-f]{64}$/)
      expect(JSON.stringify(clicks.rows)).not.toContain('203.0.113')
    })

    it('uses the configured parameter name, resolves codes case-insensitively and old codes', async () => {
      const { workspaceId, referrer } = await campaignWith({
        destinationUrl: 'https://shop.example.com/',
        codeParam: 'invite',
      })
      const oldCode = referrer.code
      const vanity = `jane-${Math.random().toString(36).slice(2, 8)}`
      await setVanityCode(ctx.db, {
        workspaceId,
        referrerId: referrer.id,
        code: vanity,
        actor: SYSTEM,
      })
      const res = await request(app).get(`/r/${oldCode.toUpperCase()}`).expect(303)
      expect(new URL(res.headers.location!).searchParams.get('invite')).toBe(vanity)
      const clicks = await clicksOf(referrer.id)
      expect(clicks.referrer).toBe(1)
      expect(clicks.codes.find((c) => c.code === oldCode)?.click_count).toBe(1)
    })

    it('lands on the built-in welcome page, naming the referrer, when no destination is set', async () => {
      const { referrer } = await campaignWith({})
      const res = await request(app).get(`/r/${referrer.code}`).expect(303)
      expect(res.headers.location).toBe(`/r/${referrer.code}/welcome`)
      const page = await request(app).get(res.headers.location!).expect(200)
      expect(page.headers['content-type']).toMatch(/text\/html/)
      expect(page.text).toContain('Jane invited you')
      expect(page.text).toContain(referrer.code)
    })

    it('does not count a HEAD request (link previews, crawlers)', async () => {
      const { referrer } = await campaignWith({ destinationUrl: 'https://shop.example.com/' })
      await request(app).head(`/r/${referrer.code}`).expect(303)
      expect((await clicksOf(referrer.id)).referrer).toBe(0)
    })
  })

  describe('errors', () => {
    it("sends an unusable code of a paused campaign to that campaign's fallback URL", async () => {
      const { workspaceId, campaign, referrer } = await campaignWith({
        destinationUrl: 'https://shop.example.com/',
        fallbackUrl: 'https://shop.example.com/no-offer',
      })
      await updateCampaign(ctx.db, {
        workspaceId,
        campaignId: campaign.id,
        status: 'paused',
        actor: SYSTEM,
      })
      const res = await request(app).get(`/r/${referrer.code}`).expect(303)
      expect(res.headers.location).toBe('https://shop.example.com/no-offer')
      expect((await clicksOf(referrer.id)).referrer).toBe(0)
    })

    it('answers an unknown code with a friendly HTML 404 when no fallback applies', async () => {
      await campaignWith({ fallbackUrl: 'https://shop.example.com/fallback' })
      await campaignWith({}) // two workspaces: an unknown code names neither
      const res = await request(app).get('/r/nobody-zzzz')
      expect(res.status).toBe(404)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.text).toContain('This referral link does not work')
    })

    it.each([
      ['too short', '/r/ab'],
      ['too long', `/r/${'x'.repeat(300)}`],
      ['odd characters', '/r/%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
      ['unicode', '/r/%F0%9F%98%80'],
    ])('never answers a malformed code (%s) with a 5xx', async (_label, path) => {
      const res = await request(app).get(path)
      expect(res.status).toBeLessThan(500)
      expect([303, 404]).toContain(res.status)
      expect(res.text).not.toContain('<script>')
    })

    it('answers broken percent-encoding with a 400 page saying the link is damaged', async () => {
      const res = await request(app).get('/r/%E0%A4%A')
      expect(res.status).toBe(400)
      expect(res.text).toContain('This referral link is damaged')
    })
  })
})

describe('unknown code with a single workspace', () => {
  it("redirects to the only workspace's fallback URL", async () => {
    const single = await testApp()
    const { workspaceId, campaign } = await newWorkspace(single.ctx.db)
    await updateCampaign(single.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: { fallbackUrl: 'https://shop.example.com/fallback' },
      actor: SYSTEM,
    })
    const res = await request(single.app).get('/r/nobody-zzzz').expect(303)
    expect(res.headers.location).toBe('https://shop.example.com/fallback')
  })
})

describe('GET /snippet.js', () => {
  it('serves the bundled snippet with caching headers and revalidates by ETag', async () => {
    const res = await request(app).get('/snippet.js').expect(200)
    expect(res.headers['content-type']).toMatch(/application\/javascript/)
    expect(res.headers['cache-control']).toMatch(/max-age=3600/)
    expect(res.text).toContain('widget.intercom.io')
    const etag = res.headers.etag!
    await request(app).get('/snippet.js').set('If-None-Match', etag).expect(304)
  })
})
