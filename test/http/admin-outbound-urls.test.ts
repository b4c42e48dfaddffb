import supertest from 'supertest'
import { describe, expect, it } from 'vitest'
import { BEARER } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace } from '../support/ledger.js'

describe('admin-given URLs the server calls', () => {
  it.each([
    'http://127.0.0.1:9000/hook',
    'http://[::1]/hook',
    'http://10.0.0.8/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost/hook',
  ])('refuses %s as the fulfilment webhook when saved, naming the field', async (url) => {
    const { app, ctx } = await testApp()
    const { workspaceId, campaign } = await newWorkspace(ctx.db)
    const res = await supertest(app)
      .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
      .set(BEARER)
      .send({ settings: { rewards: { fulfilmentWebhookUrl: url } } })
      .expect(400)
    expect(res.body.error.fields).toEqual([
      {
        path: 'settings.rewards.fulfilmentWebhookUrl',
        message: expect.stringContaining('points at'),
      },
    ])
    const stored = await supertest(app)
      .get(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
      .set(BEARER)
      .expect(200)
    expect(stored.body.settings.rewards.fulfilmentWebhookUrl).toBeNull()
  })

  it('saves a public address, and a private one the operator allowed', async () => {
    const { app, ctx } = await testApp({ OUTBOUND_ALLOWED_PRIVATE_HOSTS: '10.0.0.8' })
    const { workspaceId, campaign } = await newWorkspace(ctx.db)
    for (const url of ['https://93.184.216.34/hook', 'http://10.0.0.8/hook']) {
      await supertest(app)
        .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${campaign.id}`)
        .set(BEARER)
        .send({ settings: { rewards: { fulfilmentWebhookUrl: url } } })
        .expect(200)
    }
  })
})
