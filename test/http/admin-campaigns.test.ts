import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEARER, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin API: campaigns', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  describe('happy', () => {
    it('lists the default campaign with every setting', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns`)
        .set(BEARER)
      expect(res.status).toBe(200)
      expect(res.body.items).toHaveLength(1)
      expect(res.body.items[0]).toMatchObject({ id: campaign.id, isDefault: true })
      expect(Object.keys(res.body.items[0].settings).sort()).toEqual(
        [
          'attributes',
          'card',
          'codeParam',
          'codeStyle',
          'destinationUrl',
          'fallbackUrl',
          'fraud',
          'import',
          'intercom',
          'qualification',
          'rewards',
        ].sort(),
      )
    })

    it('changes the qualification rule and keeps the other settings', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
        .set(sessionCookie(sut.ctx.config, workspaceId))
        .send({
          settings: {
            qualification: { attribute: 'custom_attributes.plan', values: ['pro', 'team'] },
            destinationUrl: 'https://example.com/signup',
            intercom: { duplicatePolicy: 'skip' },
            import: { source: 'segment', segmentId: 'seg_1', enabled: true, intervalMinutes: 30 },
          },
        })
      expect(res.status).toBe(200)
      expect(res.body.settings.qualification).toEqual({
        attribute: 'custom_attributes.plan',
        values: ['pro', 'team'],
        initialValue: null,
      })
      expect(res.body.settings.intercom.onFriendReferred).toBe('lead')
      expect(res.body.settings.intercom.duplicatePolicy).toBe('skip')
      const row = await sut.ctx.db
        .selectFrom('campaigns')
        .select('settings')
        .where('id', '=', campaign.id)
        .executeTakeFirstOrThrow()
      const stored = row.settings as { qualification: { values: string[] }; destinationUrl: string }
      expect(stored.qualification.values).toEqual(['pro', 'team'])
      expect(stored.destinationUrl).toBe('https://example.com/signup')
      const event = await sut.ctx.db
        .selectFrom('events')
        .select(['actor_type', 'actor_id'])
        .where('workspace_id', '=', workspaceId)
        .where('type', '=', 'campaign.updated')
        .executeTakeFirstOrThrow()
      expect(event).toEqual({ actor_type: 'admin', actor_id: 'admin@example.com' })
    })

    it('creates a campaign with reward rules and fraud settings', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/campaigns`)
        .set(BEARER)
        .send({
          name: 'Spring',
          settings: {
            codeStyle: 'random',
            rewards: {
              manualApproval: true,
              rules: [{ id: 'r1', kind: 'fixed', amountMinor: 500, currency: 'usd' }],
            },
            fraud: { maxReferralsPerHour: 5 },
          },
        })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ name: 'Spring', isDefault: false })
      expect(res.body.settings.rewards.rules[0]).toMatchObject({
        currency: 'USD',
        recipient: 'referrer',
      })
      const shown = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns/${res.body.id}`)
        .set(BEARER)
      expect(shown.body.settings.fraud.maxReferralsPerHour).toBe(5)
    })
  })

  describe('errors', () => {
    it('answers 400 naming each bad setting, and changes nothing', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
        .set(BEARER)
        .send({
          settings: {
            destinationUrl: 'not a url',
            qualification: { values: [] },
            import: { intervalMinutes: 1 },
          },
        })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('bad_request')
      const paths = res.body.error.fields.map((f: { path: string }) => f.path)
      expect(paths).toEqual(
        expect.arrayContaining([
          'settings.destinationUrl',
          'settings.qualification.values',
          'settings.import.intervalMinutes',
        ]),
      )
      for (const field of res.body.error.fields) expect(field.message).toEqual(expect.any(String))
      const row = await sut.ctx.db
        .selectFrom('campaigns')
        .select('settings')
        .where('id', '=', campaign.id)
        .executeTakeFirstOrThrow()
      expect((row.settings as { destinationUrl?: unknown }).destinationUrl ?? null).toBeNull()
    })

    it('answers 400 for a bad name and 404 for an unknown campaign id', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const bad = await supertest(sut.app)
        .post(`/api/v1/workspaces/${workspaceId}/campaigns`)
        .set(BEARER)
        .send({ name: '' })
      expect(bad.status).toBe(400)
      expect(bad.body.error.fields).toEqual([{ path: 'name', message: 'Give the campaign a name.' }])
      const badId = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns/nope`)
        .set(BEARER)
      expect(badId.status).toBe(400)
      expect(badId.body.error.fields[0].path).toBe('campaignId')
      const missing = await supertest(sut.app)
        .get(`/api/v1/workspaces/${workspaceId}/campaigns/00000000-0000-4000-8000-000000000000`)
        .set(BEARER)
      expect(missing.status).toBe(404)
    })

    it('answers 404 for a workspace that does not exist', async () => {
      const res = await supertest(sut.app)
        .get('/api/v1/workspaces/ws_nothing/campaigns')
        .set(BEARER)
      expect(res.status).toBe(404)
    })
  })
})
