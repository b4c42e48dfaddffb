import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEARER, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace } from '../support/ledger.js'

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
          'billing',
          'card',
          'codeParam',
          'codeStyle',
          'destinationUrl',
          'fallbackUrl',
          'fraud',
          'import',
          'intercom',
          'invites',
          'landing',
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

  describe('lifecycle', () => {
    const api = (workspaceId: string, path = '') =>
      `/api/v1/workspaces/${workspaceId}/campaigns${path}`

    it('creates from a starting point, with given settings on top of it', async () => {
      const { workspaceId } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .post(api(workspaceId))
        .set(BEARER)
        .send({ name: 'Milestones', template: 'milestones', settings: { card: { rewardGoal: 5 } } })
      expect(res.status).toBe(201)
      expect(res.headers.etag).toBe('"1"')
      expect(res.body.version).toBe(1)
      expect(res.body.settings.card.rewardGoal).toBe(5)
      expect(res.body.settings.rewards.rules).toMatchObject([
        { kind: 'points', points: 500, milestone: 3 },
        { kind: 'points', points: 2000, milestone: 10 },
      ])
      const unknown = await supertest(sut.app)
        .post(api(workspaceId))
        .set(BEARER)
        .send({ name: 'X', template: 'nope' })
      expect(unknown.status).toBe(400)
      expect(unknown.body.error.fields[0].path).toBe('template')
    })

    it('duplicates, renames, archives, restores and makes a campaign the default', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const copy = await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/duplicate`))
        .set(BEARER)
        .send({})
      expect(copy.status).toBe(201)
      expect(copy.body).toMatchObject({ name: 'Copy of Refer a friend', isDefault: false })
      expect(copy.body.settings).toEqual(
        (
          await supertest(sut.app)
            .get(api(workspaceId, `/${campaign.id}`))
            .set(BEARER)
        ).body.settings,
      )
      const renamed = await supertest(sut.app)
        .patch(api(workspaceId, `/${copy.body.id}`))
        .set(BEARER)
        .send({ name: 'Autumn', version: copy.body.version })
      expect(renamed.body).toMatchObject({ name: 'Autumn', version: 2 })

      // The default campaign cannot be archived: another must become the default first.
      const refused = await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/archive`))
        .set(BEARER)
        .send({})
      expect(refused.status).toBe(422)
      expect(refused.body.error.message).toMatch(/default/)

      const made = await supertest(sut.app)
        .post(api(workspaceId, `/${copy.body.id}/make-default`))
        .set(BEARER)
        .send({})
      expect(made.body.isDefault).toBe(true)
      const archived = await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/archive`))
        .set(BEARER)
        .send({})
      expect(archived.body).toMatchObject({ status: 'archived', isDefault: false })
      const restored = await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/restore`))
        .set(BEARER)
        .send({})
      expect(restored.body.status).toBe('active')
      const list = await supertest(sut.app).get(api(workspaceId)).set(BEARER)
      expect(list.body.items.filter((c: { isDefault: boolean }) => c.isDefault)).toHaveLength(1)
    })

    it("keeps an archived campaign's referral links resolving to its destination", async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .send({ settings: { destinationUrl: 'https://example.com/join' } })
        .expect(200)
      const { referrer } = await newReferrer(sut.ctx.db, workspaceId, 'Ada Lovelace')
      const other = await supertest(sut.app)
        .post(api(workspaceId))
        .set(BEARER)
        .send({ name: 'Next' })
      await supertest(sut.app)
        .post(api(workspaceId, `/${other.body.id}/make-default`))
        .set(BEARER)
        .send({})
        .expect(200)
      await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/archive`))
        .set(BEARER)
        .send({})
        .expect(200)
      const visit = await supertest(sut.app).get(`/r/${referrer.code}`)
      expect(visit.status).toBe(303)
      expect(visit.headers.location).toBe(`https://example.com/join?ref=${referrer.code}`)
      const welcome = await supertest(sut.app).get(`/r/${referrer.code}/welcome`)
      expect(welcome.status).toBe(200)
    })

    it('refuses a stale save with 409, by version in the body or If-Match', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const first = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .send({ name: 'First admin', version: 1 })
      expect(first.status).toBe(200)
      expect(first.headers.etag).toBe('"2"')
      const second = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .send({ name: 'Second admin', version: 1 })
      expect(second.status).toBe(409)
      expect(second.body.error.message).toMatch(/changed by someone else/)
      const header = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .set('If-Match', '"1"')
        .send({ name: 'Third admin' })
      expect(header.status).toBe(409)
      const current = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .set('If-Match', first.headers.etag as string)
        .send({ name: 'Fourth admin' })
      expect(current.body).toMatchObject({ name: 'Fourth admin', version: 3 })
      const malformed = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .set('If-Match', 'yesterday')
        .send({ name: 'Fifth' })
      expect(malformed.status).toBe(400)
    })

    it('names what a reward rule of each kind still needs', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .send({
          settings: {
            rewards: {
              rules: [
                { id: 'a', kind: 'fixed' },
                { id: 'b', kind: 'commission', percent: 10 },
                { id: 'c', kind: 'points', points: 5, milestone: 3, recipient: 'both' },
              ],
            },
          },
        })
      expect(res.status).toBe(400)
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([
          { path: 'settings.rewards.rules.0.amountMinor', message: 'Enter an amount.' },
          { path: 'settings.rewards.rules.0.currency', message: 'Enter a currency, e.g. USD.' },
          {
            path: 'settings.rewards.rules.1.saleAttribute',
            message: 'Choose the attribute that holds the sale value.',
          },
          {
            path: 'settings.rewards.rules.2.recipient',
            message: 'A milestone reward goes to the referrer only.',
          },
        ]),
      )
    })

    it('words the checks that have no message of their own', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .patch(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
        .send({
          settings: {
            qualification: { initialValue: 'x'.repeat(201) },
            codeStyle: 'emoji',
            card: { showLink: 'yes' },
          },
        })
      expect(res.status).toBe(400)
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([
          {
            path: 'settings.qualification.initialValue',
            message: 'Keep it to 200 characters or fewer.',
          },
          { path: 'settings.codeStyle', message: 'Choose one of the offered options.' },
          { path: 'settings.card.showLink', message: 'Choose yes or no.' },
        ]),
      )
      const created = await supertest(sut.app)
        .post(api(workspaceId))
        .set(BEARER)
        .send({
          name: 'Half a rule',
          settings: { rewards: { rules: [{ id: 'a', kind: 'points' }] } },
        })
      expect(created.status).toBe(400)
      expect(created.body.error.fields).toEqual([
        { path: 'settings.rewards.rules.0.points', message: 'Enter a number of points.' },
      ])
      const typo = await supertest(sut.app)
        .post(api(workspaceId))
        .set(BEARER)
        .send({ name: 'Typo', settings: { codeStyle: 'emoji' } })
      expect(typo.body.error.fields).toEqual([
        { path: 'settings.codeStyle', message: 'Choose one of the offered options.' },
      ])
    })

    it('previews the card and the panel for draft settings without saving them', async () => {
      const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
      const res = await supertest(sut.app)
        .post(api(workspaceId, `/${campaign.id}/preview`))
        .set(sessionCookie(sut.ctx.config, workspaceId))
        .send({
          locale: 'fr',
          settings: {
            card: { headline: 'Parrainez vos amis', showShare: false },
            rewards: { rules: [{ id: 'p', kind: 'points', points: 40 }] },
          },
        })
      expect(res.status).toBe(200)
      const text = (components: { text?: string; label?: string }[]) =>
        components.map((c) => c.text ?? c.label ?? '').join(' | ')
      expect(text(res.body.messenger)).toContain('Parrainez vos amis')
      expect(res.body.messenger.some((c: { id?: string }) => c.id === 'share_email')).toBe(false)
      const table = res.body.inbox.find((c: { type: string }) => c.type === 'data-table')
      expect(JSON.stringify(table.items)).toContain('80')
      const stored = await supertest(sut.app)
        .get(api(workspaceId, `/${campaign.id}`))
        .set(BEARER)
      expect(stored.body.settings.card.headline).toBeNull()
      expect(stored.body.version).toBe(1)
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
      expect(bad.body.error.fields).toEqual([
        { path: 'name', message: 'Give the campaign a name.' },
      ])
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
