import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { moveUnlistedCurrencies } from '../../db/migrations/20261207T170200Z-compose-unlisted-currencies.js'
import { getCampaign } from '../../src/ledger/campaigns.js'
import { liveCanvas, newContact } from '../canvas/payloads.js'
import { postSigned, textOf } from '../canvas/request.js'
import { BEARER, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

// A campaign saved when currencies were typed in: "DOL" for dollars, in a reward rule and in the
// minimum payment, stored raw as the old dashboard stored it.
const SAVED_THE_OLD_WAY = {
  rewards: {
    rules: [
      { id: 'cash', kind: 'fixed', amountMinor: 1000, currency: 'DOL', description: '$10 credit' },
      { id: 'euros', kind: 'fixed', amountMinor: 500, currency: 'eur' },
    ],
  },
  billing: { minimumAmountMinor: 2000, minimumCurrency: 'DOL' },
}

describe('a campaign saved with a made-up currency', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  let workspaceId: string
  let campaignId: string
  beforeAll(async () => {
    sut = await testApp()
    const seeded = await newWorkspace(sut.ctx.db)
    workspaceId = seeded.workspaceId
    campaignId = seeded.campaign.id
    await sut.ctx.db
      .updateTable('campaigns')
      .set({ settings: JSON.stringify(SAVED_THE_OLD_WAY) })
      .where('id', '=', campaignId)
      .execute()
    // What the migration does on a database holding such a campaign.
    expect(await moveUnlistedCurrencies(sut.ctx.db)).toBeGreaterThanOrEqual(1)
  })

  it('keeps the text as it was saved, and empties only the setting it was in', async () => {
    const row = await sut.ctx.db
      .selectFrom('campaigns')
      .select(['unlisted_currencies'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow()
    expect(row.unlisted_currencies).toEqual({
      'rewards.rules.cash.currency': 'DOL',
      'billing.minimumCurrency': 'DOL',
    })
    const campaign = await getCampaign(sut.ctx.db, workspaceId, campaignId)
    expect(campaign.settings.rewards.rules.map((rule) => rule.currency)).toEqual([null, 'EUR'])
    expect(campaign.settings.rewards.rules[0]).toMatchObject({ amountMinor: 1000 })
    expect(campaign.settings.billing).toMatchObject({
      minimumAmountMinor: 2000,
      minimumCurrency: null,
    })
    // Running again changes nothing.
    expect(await moveUnlistedCurrencies(sut.ctx.db)).toBe(0)
  })

  it('reads in the API, the card and the dashboard, which asks the marketer to pick a currency', async () => {
    const api = await supertest(sut.app)
      .get(`/api/v1/workspaces/${workspaceId}/campaigns/${campaignId}`)
      .set(BEARER)
    expect(api.status).toBe(200)
    expect(api.body.settings.rewards.rules[0]).toMatchObject({ id: 'cash', currency: null })

    const card = await postSigned(
      sut.app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, newContact()),
    )
    expect(card.status).toBe(200)
    expect(textOf(card.body)).not.toMatch(/error|went wrong/i)

    const page = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}/campaigns/${campaignId}`)
      .set(sessionCookie(sut.ctx.config, workspaceId))
    expect(page.status).toBe(200)
    const notice = /<div class="notice currency-notice"[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? ''
    const words = notice.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(words).toContain('Pick a currency.')
    expect(words).toContain('The reward “$10 credit” was saved in “DOL”.')
    expect(words).toContain('The minimum first payment was saved in “DOL”.')
    expect(notice).toContain('href="#f-rewards.rules.0.currency"')
  })

  it('stops asking once a currency is picked, and keeps the saved text', async () => {
    const campaign = await getCampaign(sut.ctx.db, workspaceId, campaignId)
    const res = await supertest(sut.app)
      .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaignId}`)
      .set(BEARER)
      .send({
        version: campaign.version,
        settings: {
          rewards: {
            rules: campaign.settings.rewards.rules.map((rule) => ({ ...rule, currency: 'USD' })),
          },
          billing: { ...campaign.settings.billing, minimumCurrency: 'USD' },
        },
      })
    expect(res.status).toBe(200)
    const page = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}/campaigns/${campaignId}`)
      .set(sessionCookie(sut.ctx.config, workspaceId))
    expect(page.status).toBe(200)
    expect(page.text).not.toContain('currency-notice')
    const row = await sut.ctx.db
      .selectFrom('campaigns')
      .select(['unlisted_currencies'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow()
    expect(row.unlisted_currencies).toMatchObject({ 'rewards.rules.cash.currency': 'DOL' })
  })
})
